package org.edibatch.customs;

import org.edibatch.codes.CodeList;

/**
 * Application error codes sent in CUSRES ERC (code list KCS-ERR, see edi-schemas/edifact/README.md).
 * Stable: senders automate on them. The XML intake's own codes (X0xx) are {@code xml.XmlErrorCode}.
 */
public enum CustomsErrorCode implements CodeList {
    MANDATORY_MISSING("C100", "A mandatory declaration field is missing"),
    INVALID_DATE("C101", "The declaration date is not a valid calendar date"),
    UNKNOWN_IMPORTER("C110", "The importer is not in the party registry"),
    IMPORTER_SUSPENDED("C111", "The importer's registration is suspended"),
    UNKNOWN_HS_CODE("C120", "The HS code is not in the tariff on the declaration date"),
    MISSING_EXCHANGE_RATE("C130", "No customs exchange rate for the currency in the declaration week"),
    TOTALS_MISMATCH("C140", "The declared total does not equal the sum of the item values"),
    CURRENCY_MISMATCH("C141", "An item is in a different currency than the declaration total"),
    DUPLICATE_DECLARATION("C150", "This declaration number was already accepted from this sender"),
    AMOUNT_OUT_OF_RANGE("C160", "An assessed amount in won is larger than any declaration can be"),
    AMENDED_UNKNOWN("C170", "No accepted declaration with this number from this sender to replace or cancel"),
    AMENDED_CANCELLED("C171", "The declaration was cancelled: it can be neither replaced nor cancelled again"),
    AMENDED_OTHER_SENDER("C172", "The declaration was filed by another sender: only its sender may replace or cancel it"),
    AMENDED_AFTER_DECISION("C173", "An officer has decided on the declaration: it can be neither replaced nor cancelled"),
    AMENDED_AFTER_RELEASE("C174", "The declaration was released: it can be neither replaced nor cancelled"),
    REFUSED_BY_OFFICER("C180", "Refused by a customs officer after document review or physical inspection"),
    UNDECIDED("C190", "The declaration could not be decided because of a fault of the service; send it again"),
    UNSTORABLE("C191", "The declaration could not be stored: the database refused a value of it");

    private final String code;
    private final String text;

    CustomsErrorCode(String code, String text) {
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
