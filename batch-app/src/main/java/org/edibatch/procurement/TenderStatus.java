package org.edibatch.procurement;

/**
 * A tender's status, as tender.status stores it (the constant's name): open for bids until it is opened, and
 * then either opened (awarded) or failed (유찰: announced again under a new id).
 */
public enum TenderStatus {
    OPEN, OPENED, FAILED;

    public String code() {
        return name();
    }
}
