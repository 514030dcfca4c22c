package org.edibatch.intake;

/**
 * Whether an interchange or XML batch was accepted at envelope level, as interchange.status stores it (the
 * constant's name); also the status of a message's syntax check (message_result.status).
 */
public enum EnvelopeStatus {
    ACCEPTED, REJECTED;

    public static EnvelopeStatus of(boolean accepted) {
        return accepted ? ACCEPTED : REJECTED;
    }

    public String code() {
        return name();
    }
}
