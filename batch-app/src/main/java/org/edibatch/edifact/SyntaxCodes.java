package org.edibatch.edifact;

import java.util.Map;

/** The UN/EDIFACT syntax error codes (code list 0085) this product reports, with their texts. */
public final class SyntaxCodes {
    public static final String SYNTAX_LEVEL_NOT_SUPPORTED = "2";
    public static final String RECIPIENT_NOT_ACTUAL = "7";
    public static final String INVALID_VALUE = "12";
    public static final String MISSING = "13";
    public static final String NOT_SUPPORTED_IN_POSITION = "15";
    public static final String TOO_MANY_CONSTITUENTS = "16";
    public static final String UNSPECIFIED = "18";
    public static final String INVALID_CHARACTER = "21";
    public static final String UNKNOWN_SENDER = "23";
    public static final String DUPLICATE = "26";
    public static final String REFERENCES_DO_NOT_MATCH = "28";
    public static final String CONTROL_COUNT_MISMATCH = "29";
    public static final String TOO_MANY_REPETITIONS = "35";
    public static final String TOO_MANY_GROUP_REPETITIONS = "36";
    public static final String INVALID_CHARACTER_TYPE = "37";
    public static final String TOO_LONG = "39";
    public static final String TOO_SHORT = "40";
    public static final String TRAILING_SEPARATOR = "45";

    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry(SYNTAX_LEVEL_NOT_SUPPORTED, "Syntax version or level not supported"),
            Map.entry(RECIPIENT_NOT_ACTUAL, "Interchange recipient not actual recipient"),
            Map.entry(INVALID_VALUE, "Invalid value"),
            Map.entry(MISSING, "Missing"),
            Map.entry(NOT_SUPPORTED_IN_POSITION, "Not supported in this position"),
            Map.entry(TOO_MANY_CONSTITUENTS, "Too many constituents"),
            Map.entry(UNSPECIFIED, "Unspecified error"),
            Map.entry(INVALID_CHARACTER, "Invalid character(s)"),
            Map.entry(UNKNOWN_SENDER, "Unknown interchange sender"),
            Map.entry(DUPLICATE, "Duplicate detected"),
            Map.entry(REFERENCES_DO_NOT_MATCH, "References do not match"),
            Map.entry(CONTROL_COUNT_MISMATCH, "Control count does not match number of instances received"),
            Map.entry(TOO_MANY_REPETITIONS, "Too many repetitions"),
            Map.entry(TOO_MANY_GROUP_REPETITIONS, "Too many segment group repetitions"),
            Map.entry(INVALID_CHARACTER_TYPE, "Invalid type of character(s)"),
            Map.entry(TOO_LONG, "Data element too long"),
            Map.entry(TOO_SHORT, "Data element too short"),
            Map.entry(TRAILING_SEPARATOR, "Trailing separator"));

    private SyntaxCodes() {
    }

    public static String text(String code) {
        return TEXTS.getOrDefault(code, "Syntax error " + code);
    }
}
