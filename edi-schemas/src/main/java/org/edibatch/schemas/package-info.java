/**
 * Access to the message implementation guides, XML schemas and dated reference CSV files this module
 * ships, and the writer of the procurement documents those schemas describe; plain Java, no Spring.
 */
package org.edibatch.schemas;
