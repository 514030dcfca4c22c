package org.edibatch.intake;

/**
 * Where an inbound file stands, as inbound_file.state stores it (the constant's name): claimed for processing
 * or rejected whole at intake, then archived or quarantined when its run finishes.
 */
public enum FileState {
    CLAIMED, REJECTED, ARCHIVED, QUARANTINED;

    public String code() {
        return name();
    }
}
