package org.edibatch.procurement;

/** A tender's status, as tender.status stores it (the constant's name): open for bids until it is opened. */
public enum TenderStatus {
    OPEN, OPENED;

    public String code() {
        return name();
    }
}
