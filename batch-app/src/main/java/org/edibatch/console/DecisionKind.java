package org.edibatch.console;

/** What an officer decides on a declaration in document review or physical inspection. */
public enum DecisionKind {
    /** Released as declared. */
    RELEASE("release as declared"),
    /** Assessed again with a corrected HS code, value or quantity (applied as a replacement). */
    REASSESS("reassess"),
    /** Refused. */
    REFUSE("refuse");

    private final String text;

    DecisionKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
