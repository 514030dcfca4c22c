package org.edibatch.edifact;

/**
 * The input cannot be read as an EDIFACT interchange at all (not EDIFACT, truncated, broken envelope).
 * It is an outcome about the input, not a fault of the run: the caller answers and quarantines.
 */
public class EdifactFormatException extends Exception {
    private final long segmentPosition;

    public EdifactFormatException(String message, long segmentPosition, Throwable cause) {
        super(message, cause);
        this.segmentPosition = segmentPosition;
    }

    public long segmentPosition() {
        return segmentPosition;
    }
}
