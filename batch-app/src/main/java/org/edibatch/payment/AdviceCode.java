package org.edibatch.payment;

import org.edibatch.codes.CodeList;

/**
 * Why a bank's credit line could not be read as a payment (R0x), or why its whole advice file was refused (the
 * camt.054 document's X-codes are {@code xml.XmlErrorCode}). Stable: banks automate on them. Listed in
 * edi-schemas/edifact/README.md and edi-schemas/xml/README.md.
 */
public enum AdviceCode implements CodeList {
    NO_TRANSACTION_REF("R01", "The credit carries no bank transaction reference"),
    NO_PAYMENT_REFERENCE("R02", "The credit carries no structured creditor reference (payment number)"),
    BAD_AMOUNT("R03", "The amount is missing, not a number or not above zero"),
    BAD_VALUE_DATE("R04", "The value date is missing or not a calendar date"),
    BAD_CURRENCY("R05", "The currency is missing or not an ISO 4217 code"),
    NOT_A_CREDIT("R06", "The entry is not a booked credit"),
    FIELD_TOO_LONG("R07", "A reference is longer than 35 characters");

    private final String code;
    private final String text;

    AdviceCode(String code, String text) {
        this.code = code;
        this.text = text;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String text() {
        return text;
    }
}
