/**
 * Sample tender notices, price documents and bids for tests and the benchmark, written by edi-schemas'
 * ProcurementDocuments (the writer the application's tender and bid commands use).
 */
package org.edibatch.samples.procurement;
