package org.edibatch.release;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * When a declaration's goods may leave: its channel allows it (green at once; yellow and red once an officer
 * released it, or reassessed it and the reassessment was applied) and its tax is paid in full or its importer is on
 * monthly payment. An officer's refusal, or a cancellation, never releases.
 */
public final class ReleaseRules {

    /** Why a declaration was released. */
    public enum Basis { PAID, MONTHLY }

    /** The officer decisions the console records (V13 officer_decision.kind). */
    public enum Decision { RELEASE, REASSESS, REFUSE }

    /**
     * A declaration not released yet, as the release step reads it.
     *
     * @param channel         the current version's channel: GREEN, YELLOW or RED
     * @param decision        the officer's latest decision on it, null when none
     * @param decisionApplied the nightly run applied that decision (a reassessment changes the tax only then)
     * @param cancelled       the current version is a cancellation
     * @param openAmount      the tax not paid yet ({@code declaration_receivable.open_amount}; 0 when nothing is due)
     * @param monthlyPayment  the importer is approved for monthly payment
     */
    public record Candidate(String channel, Decision decision, boolean decisionApplied, boolean cancelled,
                            BigDecimal openAmount, boolean monthlyPayment) {
    }

    private ReleaseRules() {
    }

    /** The basis of the declaration's release, or empty while it must wait (or never will). */
    public static Optional<Basis> decide(Candidate c) {
        if (c.cancelled() || c.decision() == Decision.REFUSE) {
            return Optional.empty();
        }
        boolean channelAllows = "GREEN".equals(c.channel()) || c.decision() == Decision.RELEASE
                || (c.decision() == Decision.REASSESS && c.decisionApplied());
        if (!channelAllows) {
            return Optional.empty();
        }
        if (c.openAmount() == null || c.openAmount().signum() <= 0) {
            return Optional.of(Basis.PAID);
        }
        return c.monthlyPayment() ? Optional.of(Basis.MONTHLY) : Optional.empty();
    }
}
