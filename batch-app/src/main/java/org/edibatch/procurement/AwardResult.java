package org.edibatch.procurement;

/** The result of a tender's opening, as award.result stores it (the constant's name). */
public enum AwardResult {
    AWARDED, NO_ELIGIBLE_BID;

    public String code() {
        return name();
    }
}
