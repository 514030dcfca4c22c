package org.edibatch.xml;

import org.edibatch.codes.CodeList;

/**
 * Error codes of XML intake, answered beside the content codes C1xx (KCS-ERR). Stable: senders automate on
 * them. Listed in edi-schemas/xml/README.md.
 */
public enum XmlErrorCode implements CodeList {
    NOT_WELL_FORMED("X001", "The file is not well-formed XML"),
    SCHEMA_INVALID("X002", "The declaration does not conform to the XML schema"),
    DTD_REFUSED("X003", "DOCTYPE, DTD and entity declarations are refused"),
    LIMIT_EXCEEDED("X004", "A size, depth, element-count or text-length limit was exceeded"),
    UNKNOWN_SENDER("X005", "The sender is not registered"),
    WRONG_RECIPIENT("X006", "The batch is not addressed to this customs office"),
    DUPLICATE("X007", "The same file or batch was received before");

    private final String code;
    private final String text;

    XmlErrorCode(String code, String text) {
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
