package org.edibatch.customs;

import org.edibatch.schemas.PaymentNumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The rules of replacements and cancellations: given a number's current state, what an amendment that passed the
 * customs checks becomes. Plain Java: the customs writer gives it the state (from the database, overlaid with the
 * chunk's own earlier changes) and applies the outcome in message order. An instance serves one thread.
 */
public final class Amendments {

    /**
     * A declaration number's current version, as its last accepted message left it.
     *
     * @param originalDate the original's declaration date: every version is assessed at its rates
     * @param released     the declaration was released (its goods left): closed to amendments
     * @param original     the original's file and message: its payment number, which every version keeps
     */
    public record State(int version, boolean cancelled, LocalDate originalDate, String importerCode,
                        String acceptanceNo, BigDecimal customsValue, BigDecimal duty, BigDecimal vat,
                        boolean decidedByOfficer, boolean released, PaymentNumber.Key original) {

        public State(int version, boolean cancelled, LocalDate originalDate, String importerCode,
                     String acceptanceNo, BigDecimal customsValue, BigDecimal duty, BigDecimal vat,
                     boolean decidedByOfficer) {
            this(version, cancelled, originalDate, importerCode, acceptanceNo, customsValue, duty, vat,
                    decidedByOfficer, false, null);
        }

        /** This state of the declaration whose original is message {@code index} of file {@code fileId}. */
        public State withOriginal(long fileId, int index) {
            return new State(version, cancelled, originalDate, importerCode, acceptanceNo, customsValue, duty, vat,
                    decidedByOfficer, released, new PaymentNumber.Key(fileId, index));
        }

        /** A state no officer has decided on. */
        public State(int version, boolean cancelled, LocalDate originalDate, String importerCode,
                     String acceptanceNo, BigDecimal customsValue, BigDecimal duty, BigDecimal vat) {
            this(version, cancelled, originalDate, importerCode, acceptanceNo, customsValue, duty, vat, false);
        }

        public BigDecimal totalTax() {
            return duty.add(vat);
        }
    }

    /**
     * What an accepted amendment made: its version and the state it replaced.
     *
     * @param cancelled the amendment was a cancellation
     */
    public record Applied(int version, boolean cancelled, State previous) {
    }

    private static final Assessment NOTHING = new Assessment(null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            List.of());

    private final CustomsRules rules;

    public Amendments(CustomsRules rules) {
        this.rules = rules;
    }

    /**
     * Decides an amendment against its number's state. Originals and rejected messages come back as they are.
     *
     * @param current     the number's state for the declaration's sender, null when none was accepted
     * @param otherSender the number was accepted from another sender in an earlier run (never the same run's, so
     *                    the answer does not depend on which partition got there first)
     * @param export      the declaration is an export (assessed without duty and VAT)
     */
    public DeclarationOutcome decide(DeclarationOutcome proposed, State current, boolean otherSender, boolean export) {
        Declaration d = proposed.declaration();
        if (!proposed.accepted() || !d.function().amends()) {
            return proposed;
        }
        if (current == null) {
            return refused(d, otherSender ? CustomsErrorCode.AMENDED_OTHER_SENDER : CustomsErrorCode.AMENDED_UNKNOWN,
                    "declaration " + d.declarationNo() + (otherSender ? " was filed by another sender"
                            : " has no accepted version from " + d.sender()));
        }
        if (current.cancelled() && !current.decidedByOfficer()) {
            return refused(d, CustomsErrorCode.AMENDED_CANCELLED, "declaration " + d.declarationNo()
                    + " was cancelled in version " + current.version());
        }
        // An officer's decision (release, reassessment or refusal, recorded in the console) is final for the
        // sender: only the officer's own reassessment changes it from then on. Release after payment (the payment
        // issue) will close a declaration here too.
        if (current.released()) {
            return refused(d, CustomsErrorCode.AMENDED_AFTER_RELEASE, "declaration " + d.declarationNo()
                    + " was released");
        }
        if (current.decidedByOfficer()) {
            return refused(d, CustomsErrorCode.AMENDED_AFTER_DECISION, "declaration " + d.declarationNo()
                    + " was decided by an officer");
        }
        int version = current.version() + 1;
        Declaration dated = d.date() != null && d.date().equals(current.originalDate()) ? d
                : d.withDate(current.originalDate());
        if (d.function() == MessageFunction.CANCELLATION) {
            return new DeclarationOutcome(DeclarationOutcome.Status.ACCEPTED, dated, List.of(), NOTHING, null,
                    rules.acceptanceNo(dated, version), new Applied(version, true, current));
        }
        // A replacement is assessed at the rates of its original's date, and selected again.
        DeclarationOutcome decided = dated == d ? proposed : rules.decide(dated, export);
        if (!decided.accepted()) {
            return decided;
        }
        return new DeclarationOutcome(DeclarationOutcome.Status.ACCEPTED, dated, List.of(), decided.assessment(),
                decided.selection(), rules.acceptanceNo(dated, version), new Applied(version, false, current));
    }

    /**
     * An officer's reassessment (recorded in the console): the declaration as the officer corrected it becomes the
     * number's next version, assessed at the original's rates and selected again, as a sender's replacement is. The
     * decision closes the declaration to its sender, not to the officer, so no C173 here.
     *
     * @param corrected the declaration with the officer's corrections
     * @return the accepted version, a rejection when the corrected declaration fails the checks, or null when the
     *         declaration was withdrawn (cancelled or refused) before
     */
    public DeclarationOutcome reassess(Declaration corrected, State current, boolean export) {
        if (current == null || current.cancelled()) {
            return null;
        }
        int version = current.version() + 1;
        Declaration dated = withFunction(corrected, MessageFunction.REPLACEMENT, current.originalDate());
        DeclarationOutcome decided = rules.decide(dated, export);
        if (!decided.accepted()) {
            return decided;
        }
        return new DeclarationOutcome(DeclarationOutcome.Status.ACCEPTED, dated, List.of(), decided.assessment(),
                decided.selection(), rules.acceptanceNo(dated, version), new Applied(version, false, current));
    }

    /**
     * An officer's refusal: the current version is withdrawn as a cancellation withdraws it (its assessment
     * reversed, nothing owed), as the number's next version.
     *
     * @return the withdrawing version, or null when the declaration was withdrawn before
     */
    public DeclarationOutcome refuse(Declaration seen, State current) {
        if (current == null || current.cancelled()) {
            return null;
        }
        int version = current.version() + 1;
        Declaration dated = withFunction(seen, MessageFunction.CANCELLATION, current.originalDate());
        return new DeclarationOutcome(DeclarationOutcome.Status.ACCEPTED, dated, List.of(), NOTHING, null,
                rules.acceptanceNo(dated, version), new Applied(version, true, current));
    }

    private static Declaration withFunction(Declaration d, MessageFunction function, java.time.LocalDate date) {
        return new Declaration(d.sender(), d.declarationNo(), date, d.importerCode(), d.importerName(),
                d.declarantCode(), d.currency(), d.declaredTotal(), d.items(), function);
    }

    /** The state an accepted original or amendment leaves its number in. */
    public static State after(DeclarationOutcome accepted) {
        Declaration d = accepted.declaration();
        Assessment a = accepted.assessment();
        Applied applied = accepted.amendment();
        if (applied == null) {
            return new State(1, false, d.date(), d.importerCode(), accepted.acceptanceNo(), a.customsValue(),
                    a.duty(), a.vat());
        }
        State previous = applied.previous();
        return new State(applied.version(), applied.cancelled(), previous.originalDate(), d.importerCode(),
                accepted.acceptanceNo(), a.customsValue(), a.duty(), a.vat(), false, previous.released(),
                previous.original());
    }

    private static DeclarationOutcome refused(Declaration d, CustomsErrorCode code, String detail) {
        return DeclarationOutcome.rejected(d, List.of(new ContentError(code, "BGM", detail)));
    }
}
