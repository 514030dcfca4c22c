package org.edibatch.edifact;

import org.edibatch.codes.CodeList;

import java.util.HashMap;
import java.util.Map;

/** The UN/EDIFACT syntax error codes (code list 0085) this product reports, with their texts from that list. */
public enum SyntaxErrorCode implements CodeList {
    SYNTAX_LEVEL_NOT_SUPPORTED("2", "Syntax version or level not supported"),
    RECIPIENT_NOT_ACTUAL("7", "Interchange recipient not actual recipient"),
    INVALID_VALUE("12", "Invalid value"),
    MISSING("13", "Missing"),
    VALUE_NOT_SUPPORTED_IN_POSITION("14", "Value not supported in this position"),
    NOT_SUPPORTED_IN_POSITION("15", "Not supported in this position"),
    TOO_MANY_CONSTITUENTS("16", "Too many constituents"),
    UNSPECIFIED("18", "Unspecified error"),
    INVALID_CHARACTER("21", "Invalid character(s)"),
    UNKNOWN_SENDER("23", "Unknown interchange sender"),
    DUPLICATE("26", "Duplicate detected"),
    REFERENCES_DO_NOT_MATCH("28", "References do not match"),
    CONTROL_COUNT_MISMATCH("29", "Control count does not match number of instances received"),
    TOO_MANY_REPETITIONS("35", "Too many repetitions"),
    TOO_MANY_GROUP_REPETITIONS("36", "Too many segment group repetitions"),
    INVALID_CHARACTER_TYPE("37", "Invalid type of character(s)"),
    TOO_LONG("39", "Data element too long"),
    TOO_SHORT("40", "Data element too short"),
    TRAILING_SEPARATOR("45", "Trailing separator");

    private static final Map<String, SyntaxErrorCode> BY_CODE = new HashMap<>();

    static {
        for (SyntaxErrorCode c : values()) {
            BY_CODE.put(c.code, c);
        }
    }

    private final String code;
    private final String text;

    SyntaxErrorCode(String code, String text) {
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

    /** The text of a code as stored with a syntax error (a code this list does not name is still described). */
    public static String textOf(String code) {
        SyntaxErrorCode c = BY_CODE.get(code);
        return c == null ? "Syntax error " + code : c.text;
    }
}
