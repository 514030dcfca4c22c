/**
 * Generators of XML declaration batches, good and bad, and of very large files for the streaming tests.
 */
package org.edibatch.samples.xml;
