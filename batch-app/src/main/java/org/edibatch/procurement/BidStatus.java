package org.edibatch.procurement;

/** A bid's status at intake, as bid.status stores it (the constant's name); only received bids are opened. */
public enum BidStatus {
    RECEIVED, REJECTED;

    public String code() {
        return name();
    }
}
