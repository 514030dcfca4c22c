package org.edibatch.edifact;

/**
 * The input cannot be read as an EDIFACT interchange at all (not EDIFACT, truncated, broken envelope).
 * It is an outcome about the input, not a fault of the run: the caller answers and quarantines.
 */
public class EdifactFormatException extends Exception {
    private final long segmentPosition;
    private final String code;

    public EdifactFormatException(String message, long segmentPosition, Throwable cause) {
        this(message, segmentPosition, cause, SyntaxErrorCode.MISSING.code());
    }

    /** @param code the 0085 code that refuses the interchange (13 when its end cannot be found) */
    public EdifactFormatException(String message, long segmentPosition, Throwable cause, String code) {
        super(message, cause);
        this.segmentPosition = segmentPosition;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public long segmentPosition() {
        return segmentPosition;
    }
}
