/**
 * The customs job's payments and refunds steps: they read the banks' claimed files, hand each advice to the
 * matching rules of {@code payment} and the postings of {@code ledger}, and record what each line did. Rules live in
 * {@code payment}, SQL in its repository.
 */
package org.edibatch.job.payments;
