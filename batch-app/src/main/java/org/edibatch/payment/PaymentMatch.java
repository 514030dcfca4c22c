package org.edibatch.payment;

import java.math.BigDecimal;

/**
 * What one credit line does: its case, the declaration it pays (null in suspense and when refused) and where its
 * amount goes. applied + refund + suspense is the line's amount when posted, and all three are 0 when refused.
 *
 * @param code    null for an exact or partial payment, else why the line is reported
 * @param applied credited to the declaration's receivable (1100)
 * @param refund  owed back to the importer (2150)
 * @param suspense waiting for identification (2900)
 */
public record PaymentMatch(Outcome outcome, PaymentCode code, Receivable declaration, BigDecimal applied,
                           BigDecimal refund, BigDecimal suspense) {

    /** The cases of docs/PAYMENTS.md. */
    public enum Outcome {
        /** Pays exactly what was open. */
        EXACT,
        /** Pays part of what was open; the rest stays open. */
        PARTIAL,
        /** Pays what was open, the excess goes to refunds payable. */
        OVERPAID,
        /** The payment number designates no declaration: the whole amount to suspense. */
        SUSPENSE,
        /** The declaration is cancelled or owes nothing: the whole amount to refunds payable. */
        REFUND,
        /** Not posted at all. */
        REFUSED
    }

    public boolean posted() {
        return outcome != Outcome.REFUSED;
    }

    static PaymentMatch refused(PaymentCode code) {
        return new PaymentMatch(Outcome.REFUSED, code, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}
