package org.edibatch.release;

import org.edibatch.schemas.PaymentNumber;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an accepted import's answer says about paying its tax: the electronic payment number (from the original's
 * file and message, so a replacement repeats it), the amount due (the duty and VAT of the version answered) and the
 * due date. Only an import with tax to pay has one.
 */
public record PaymentDue(String paymentNumber, BigDecimal amountDue, LocalDate dueDate) {

    /**
     * @param originalFileId   the claimed file id of the declaration's original
     * @param originalIndex    the original's message index in that file
     * @param tax              the duty and VAT of the version answered
     * @param acceptanceDate   the date the answered version's file was received, in the office's zone
     * @return null when nothing is to be paid (an export, a cancellation, or no tax)
     */
    public static PaymentDue of(long originalFileId, int originalIndex, BigDecimal tax, LocalDate acceptanceDate,
                                PaymentTerms terms) {
        if (tax == null || tax.signum() <= 0) {
            return null;
        }
        return new PaymentDue(PaymentNumber.of(originalFileId, originalIndex), tax, terms.dueDate(acceptanceDate));
    }
}
