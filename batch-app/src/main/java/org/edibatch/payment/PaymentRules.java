package org.edibatch.payment;

import org.edibatch.schemas.PaymentNumber;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * The matching of one credit line to the declaration its payment number designates (docs/PAYMENTS.md). Checks in
 * this order, the first that applies decides: the same bank transaction seen before (P30), currency (P31), amount
 * (P32) and reference (P33) are refused; a malformed number (P10) or one designating no accepted declaration (P11)
 * goes to suspense; a cancelled declaration (P12) or one with nothing open (P14) to refunds; otherwise the line
 * pays what is open, exactly, partly, or with the excess to refunds (P13).
 */
public final class PaymentRules {

    /** Duty is assessed and paid in won only. */
    public static final String CURRENCY = "KRW";

    private PaymentRules() {
    }

    /**
     * @param seenBefore whether this bank reported a credit with the line's transaction reference before (an earlier
     *                   night, file or line)
     * @param lookup     the receivable of the declaration whose original has the key, as the lines before this one
     *                   left it; empty when no accepted declaration has it
     */
    public static PaymentMatch decide(PaymentLine line, boolean seenBefore,
                                      Function<PaymentNumber.Key, Optional<Receivable>> lookup) {
        if (line.transactionRef() == null || line.transactionRef().isBlank()) {
            return PaymentMatch.refused(PaymentCode.P33);
        }
        if (seenBefore) {
            return PaymentMatch.refused(PaymentCode.P30);
        }
        if (!CURRENCY.equals(line.currency())) {
            return PaymentMatch.refused(PaymentCode.P31);
        }
        BigDecimal amount = line.amount();
        if (amount == null || amount.signum() <= 0 || !whole(amount)) {
            return PaymentMatch.refused(PaymentCode.P32);
        }
        Optional<PaymentNumber.Key> key = PaymentNumber.parse(line.paymentReference());
        if (key.isEmpty()) {
            return suspense(PaymentCode.P10, amount);
        }
        Optional<Receivable> found = lookup.apply(key.get());
        if (found.isEmpty()) {
            return suspense(PaymentCode.P11, amount);
        }
        Receivable r = found.get();
        BigDecimal zero = BigDecimal.ZERO;
        if (r.cancelled()) {
            return new PaymentMatch(PaymentMatch.Outcome.REFUND, PaymentCode.P12, r, zero, amount, zero);
        }
        BigDecimal open = r.open();
        if (open.signum() == 0) {
            return new PaymentMatch(PaymentMatch.Outcome.REFUND, PaymentCode.P14, r, zero, amount, zero);
        }
        int c = amount.compareTo(open);
        if (c == 0) {
            return new PaymentMatch(PaymentMatch.Outcome.EXACT, null, r, amount, zero, zero);
        }
        if (c < 0) {
            return new PaymentMatch(PaymentMatch.Outcome.PARTIAL, null, r, amount, zero, zero);
        }
        return new PaymentMatch(PaymentMatch.Outcome.OVERPAID, PaymentCode.P13, r, open, amount.subtract(open), zero);
    }

    private static PaymentMatch suspense(PaymentCode code, BigDecimal amount) {
        return new PaymentMatch(PaymentMatch.Outcome.SUSPENSE, code, null, BigDecimal.ZERO, BigDecimal.ZERO, amount);
    }

    private static boolean whole(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 0;
    }
}
