package org.edibatch.ledger;

import org.edibatch.customs.DeclarationOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The customs ledger's chart and the posting of an accepted import declaration (DOMAIN.md section 4). */
public final class CustomsPostings {

    public static final String DUTY_RECEIVABLE = "1100";
    public static final String DUTY_REVENUE = "4100";
    public static final String VAT_REVENUE = "4200";

    private CustomsPostings() {
    }

    /** Importer owes duty + VAT; revenue splits into duty and VAT. Empty when nothing is owed. */
    public static Optional<JournalEntry> forAcceptedImport(DeclarationOutcome outcome, String importerPartyId) {
        var d = outcome.declaration();
        var a = outcome.assessment();
        if (a.totalTax().signum() == 0) {
            return Optional.empty();
        }
        List<JournalLine> lines = new ArrayList<>();
        lines.add(JournalLine.debit(DUTY_RECEIVABLE, importerPartyId, a.totalTax()));
        if (a.duty().signum() > 0) {
            lines.add(JournalLine.credit(DUTY_REVENUE, null, a.duty()));
        }
        if (a.vat().signum() > 0) {
            lines.add(JournalLine.credit(VAT_REVENUE, null, a.vat()));
        }
        return Optional.of(new JournalEntry(idempotencyKey(d.sender(), d.declarationNo()), "CUSTOMS", d.date(),
                "Import declaration " + d.declarationNo() + " acceptance " + outcome.acceptanceNo(),
                d.sender() + "/" + d.declarationNo(), lines));
    }

    /**
     * The entries of an accepted replacement or cancellation: the reversal of the previous version's entry (when it
     * had one) and, for a replacement, the new version's entry. The original keeps its key, so version 1 of every
     * declaration posted before amendments existed stays what it was.
     *
     * @param previousPartyId the party the previous version's entry debited (a replacement may change the importer)
     */
    public static List<JournalEntry> forAmendment(DeclarationOutcome outcome, String importerPartyId,
                                                  String previousPartyId) {
        var d = outcome.declaration();
        var applied = outcome.amendment();
        var previous = applied.previous();
        List<JournalEntry> entries = new ArrayList<>(2);
        java.math.BigDecimal previousTax = previous.totalTax();
        if (previousTax.signum() != 0) {
            List<JournalLine> lines = new ArrayList<>();
            lines.add(JournalLine.credit(DUTY_RECEIVABLE, previousPartyId, previousTax));
            if (previous.duty().signum() > 0) {
                lines.add(JournalLine.debit(DUTY_REVENUE, null, previous.duty()));
            }
            if (previous.vat().signum() > 0) {
                lines.add(JournalLine.debit(VAT_REVENUE, null, previous.vat()));
            }
            entries.add(new JournalEntry(reversalKey(d.sender(), d.declarationNo(), previous.version()), "CUSTOMS",
                    d.date(), (applied.cancelled() ? "Cancellation" : "Replacement") + " of declaration "
                    + d.declarationNo() + ": reversal of version " + previous.version() + " acceptance "
                    + previous.acceptanceNo(), d.sender() + "/" + d.declarationNo(), lines));
        }
        if (!applied.cancelled()) {
            forAcceptedImport(outcome, importerPartyId).ifPresent(e -> entries.add(new JournalEntry(
                    versionKey(d.sender(), d.declarationNo(), applied.version()), e.ledger(), e.entryDate(),
                    "Import declaration " + d.declarationNo() + " version " + applied.version() + " acceptance "
                            + outcome.acceptanceNo(), e.sourceRef(), e.lines())));
        }
        return entries;
    }

    /** The key of version {@code version} (2 and on) of a declaration's entry. */
    public static String versionKey(String sender, String declarationNo, int version) {
        return idempotencyKey(sender, declarationNo) + ":v" + version;
    }

    /** The key of the reversal of version {@code version}'s entry (version 1 is the original's). */
    public static String reversalKey(String sender, String declarationNo, int version) {
        return idempotencyKey(sender, declarationNo) + ":v" + version + ":reversal";
    }

    public static String idempotencyKey(String sender, String declarationNo) {
        return "CUSDEC:" + sender + ":" + declarationNo;
    }
}
