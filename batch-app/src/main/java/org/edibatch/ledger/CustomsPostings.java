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

    public static String idempotencyKey(String sender, String declarationNo) {
        return "CUSDEC:" + sender + ":" + declarationNo;
    }
}
