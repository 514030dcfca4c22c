/**
 * Access to the message implementation guides, XML schemas and dated reference CSV files this module
 * ships; plain Java, no Spring.
 */
package org.edibatch.schemas;
