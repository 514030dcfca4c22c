package org.edibatch.job.payments;

import java.util.List;

/**
 * The advices of one transaction of the payments step, in read order: at most the chunk size in advices and about
 * {@link BankAdviceReader#LINES_PER_BATCH} lines, so that a transaction's work (and the heap it takes) stays the
 * same however large the banks' files and their messages are.
 */
record AdviceBatch(List<AdviceItem> items) {
}
