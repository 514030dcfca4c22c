package org.edibatch.payment;

import org.edibatch.codes.CodeList;

/**
 * Coded outcomes of a bank's credit line that are not a plain payment of what was due, as the exception report
 * lists them for the officers and the bank. Stable codes. P1x lines are posted (to suspense or refunds), P3x lines
 * are refused and posted nowhere.
 */
public enum PaymentCode implements CodeList {
    P10("The payment number is malformed (not 19 digits, or its check digits do not match): the credit waits in suspense."),
    P11("No accepted declaration has this payment number: the credit waits in suspense."),
    P12("The declaration was cancelled: the credit is owed back to the importer (refunds payable)."),
    P13("The payment exceeds the amount due: the excess is owed back to the importer (refunds payable)."),
    P14("Nothing is due on this declaration (already paid): the credit is owed back to the importer (refunds payable)."),
    P30("The bank reported this transaction before: refused, never posted twice."),
    P31("The credit is not in KRW: refused."),
    P32("The amount is not a positive whole number of won: refused."),
    P33("The credit carries no bank transaction reference: refused.");

    private final String text;

    PaymentCode(String text) {
        this.text = text;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public String text() {
        return text;
    }
}
