/**
 * Receivables (issue 19): what importers owe and how late, per importer and in total, with ageing buckets
 * ({@link org.edibatch.receivables.Receivables}) and the late-payment charge from the dated rate table
 * ({@link org.edibatch.receivables.LateCharge}). Rules are plain Java; SQL only in
 * {@link org.edibatch.receivables.ReceivablesRepository}. Read by the officers' report, {@code status} and the
 * console's receivables page.
 */
package org.edibatch.receivables;
