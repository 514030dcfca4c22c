package org.edibatch.job.payments;

import java.util.List;
import java.util.concurrent.Future;

/**
 * The advices of one transaction of the payments step, in read order: at most the chunk size in advices and about
 * {@link BankAdviceReader#LINES_PER_BATCH} lines, so that a transaction's work (and the heap it takes) stays the
 * same however large the banks' files and their messages are.
 *
 * @param file    the reader's position after the batch: the file it ends in
 * @param read    and the advices of that file read
 * @param lookups its receivables and known transactions, looked up as committed when the batch was put together
 */
record AdviceBatch(List<AdviceItem> items, int file, int read, Future<BatchLookups.Found> lookups) {
}
