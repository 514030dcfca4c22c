package org.edibatch.customs;

/**
 * What a declaration message asks for: UN/EDIFACT data element 1225 in CUSDEC BGM, {@code FunctionCode} in the
 * XML declaration format version 2. Version 1 XML files carry none and are originals.
 */
public enum MessageFunction {
    ORIGINAL("9"),
    REPLACEMENT("5"),
    CANCELLATION("1");

    private final String code;

    MessageFunction(String code) {
        this.code = code;
    }

    /** The 1225 code. */
    public String code() {
        return code;
    }

    /** An amendment changes a declaration accepted before, and needs its current state to be decided. */
    public boolean amends() {
        return this != ORIGINAL;
    }

    /**
     * The function of a 1225 code; absent means original. Any other code is refused earlier by the guide (0085 code
     * 12) or the XSD, so it never reaches here; should one, it is read as an original, whose number rules apply.
     */
    public static MessageFunction ofCode(String code) {
        if (code == null) {
            return ORIGINAL;
        }
        return switch (code.strip()) {
            case "5" -> REPLACEMENT;
            case "1" -> CANCELLATION;
            default -> ORIGINAL;
        };
    }
}
