package org.edibatch.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The procurement ledger's accounts and the posting of a tender's award. */
public final class ProcurementPostings {

    public static final String CONTRACT_EXPENSE = "5300";
    public static final String CONTRACT_PAYABLE = "2300";

    private ProcurementPostings() {
    }

    /** The agency commits the award amount; the winning vendor is owed it. */
    public static JournalEntry forAward(String tenderId, String agencyId, String vendorId, String receiptNo,
                                        BigDecimal amount, LocalDate date) {
        return new JournalEntry(idempotencyKey(tenderId), "PROCUREMENT", date,
                "award of tender " + tenderId + " to " + vendorId, tenderId + "/" + receiptNo, List.of(
                JournalLine.debit(CONTRACT_EXPENSE, agencyId, amount),
                JournalLine.credit(CONTRACT_PAYABLE, vendorId, amount)));
    }

    public static String idempotencyKey(String tenderId) {
        return "AWARD:" + tenderId;
    }
}
