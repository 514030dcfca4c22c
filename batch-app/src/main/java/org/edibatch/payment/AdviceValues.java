package org.edibatch.payment;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * The checks both readers make on one credit line once its fields are gathered: a line is either a
 * {@link PaymentLine} or a {@link LineRefusal} with the first fault found, so the bank gets one code per line.
 */
final class AdviceValues {

    static final int MAX_REFERENCE = 35;

    private AdviceValues() {
    }

    /** Adds the line or its refusal; {@code amountText} and {@code valueDate} as read (null when absent). */
    static void line(int messageIndex, int lineIndex, String transactionRef, String paymentReference,
                     String amountText, String currency, LocalDate valueDate, boolean dateSeen,
                     List<PaymentLine> lines, List<LineRefusal> refusals) {
        AdviceCode fault = null;
        String detail = null;
        BigDecimal amount = amount(amountText);
        if (isBlank(transactionRef)) {
            fault = AdviceCode.NO_TRANSACTION_REF;
        } else if (isBlank(paymentReference)) {
            fault = AdviceCode.NO_PAYMENT_REFERENCE;
        } else if (transactionRef.length() > MAX_REFERENCE || paymentReference.length() > MAX_REFERENCE) {
            fault = AdviceCode.FIELD_TOO_LONG;
        } else if (amount == null || amount.signum() <= 0) {
            fault = AdviceCode.BAD_AMOUNT;
            detail = "amount " + quoted(amountText);
        } else if (!isCurrency(currency)) {
            fault = AdviceCode.BAD_CURRENCY;
            detail = "currency " + quoted(currency);
        } else if (valueDate == null) {
            fault = AdviceCode.BAD_VALUE_DATE;
            detail = dateSeen ? "value date is not a calendar date" : "no value date";
        }
        if (fault == null) {
            lines.add(new PaymentLine(messageIndex, lineIndex, transactionRef, paymentReference, amount, currency,
                    valueDate));
        } else {
            refusals.add(new LineRefusal(messageIndex, lineIndex, fault.code(),
                    detail == null ? fault.text() : fault.text() + ": " + detail));
        }
    }

    /** The amount as an exact decimal ('.' or ',' as the decimal mark), or null when it is not a plain number. */
    static BigDecimal amount(String v) {
        if (v == null || v.isEmpty() || v.length() > 40) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != ',') {
                return null; // no sign, exponent or other digits: a bank's amount is written plainly
            }
        }
        try {
            return new BigDecimal(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** CCYYMMDD (EDIFACT format 102) as a calendar date, or null. */
    static LocalDate ccyymmdd(String v) {
        if (v == null || v.length() != 8) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4, 6)),
                    Integer.parseInt(v.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** ISO 8601 YYYY-MM-DD (the camt.054 ISODate), or null. */
    static LocalDate isoDate(String v) {
        if (v == null || v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        return ccyymmdd(v.substring(0, 4) + v.substring(5, 7) + v.substring(8, 10));
    }

    static boolean isCurrency(String c) {
        if (c == null || c.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (c.charAt(i) < 'A' || c.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A sender's value quoted in a refusal text: bounded, control characters shown, never stored raw. */
    static String quoted(String v) {
        if (v == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < v.length() && i < 40; i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(v.length() > 40 ? "...'" : "'").toString();
    }
}
