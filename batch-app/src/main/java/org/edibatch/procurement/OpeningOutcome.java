package org.edibatch.procurement;

/** A bid's outcome at the opening, as bid_opening.outcome stores it (the constant's name). */
public enum OpeningOutcome {
    UNOPENABLE, ELIGIBLE, BELOW_LOWER_LIMIT, ABOVE_RESERVE;

    public static OpeningOutcome of(AwardRule.Standing standing) {
        return switch (standing) {
            case ELIGIBLE -> ELIGIBLE;
            case BELOW_LOWER_LIMIT -> BELOW_LOWER_LIMIT;
            case ABOVE_RESERVE -> ABOVE_RESERVE;
        };
    }

    public String code() {
        return name();
    }
}
