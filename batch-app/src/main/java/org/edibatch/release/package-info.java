/**
 * Payment terms, release and monthly statements (issue 19): the due date of an accepted import's tax
 * ({@link org.edibatch.release.PaymentTerms}), what its answer says about paying it
 * ({@link org.edibatch.release.PaymentDue}), when its goods may leave ({@link org.edibatch.release.ReleaseRules}), the
 * release notices and the monthly statements of importers on monthly payment. Rules are plain Java; SQL only in
 * {@link org.edibatch.release.ReleaseRepository}.
 */
package org.edibatch.release;
