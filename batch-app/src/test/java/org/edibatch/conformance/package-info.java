/**
 * Conformance of what the product reads and writes with the published UN/EDIFACT directory, proved by an
 * independent implementation (the Smooks EDIFACT cartridge's D96B schemas, test scope only).
 */
package org.edibatch.conformance;
