/**
 * Duty payments: the banks' credit advices (UN/EDIFACT CREMUL, ISO 20022 camt.054) read into payment lines, and
 * the rules that match them to the declarations they pay; plain Java, SQL only in the repository classes.
 */
package org.edibatch.payment;
