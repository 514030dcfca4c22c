package org.edibatch.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry as the database holds it, with its lines in line order: what the seal step and verify-ledger
 * recompute the balance, the digests and the totals from.
 *
 * @param storedDigest the content digest recorded when it was posted; null for an entry posted before digests
 */
public record PostedEntry(long id, String idempotencyKey, String ledger, LocalDate entryDate, String description,
                          String sourceRef, long runId, byte[] storedDigest, List<Line> lines) {

    public record Line(int lineNo, String accountCode, String partyId, BigDecimal debit, BigDecimal credit) {
    }

    /** How a finding names the entry. */
    public String label() {
        return "entry " + id + " (" + idempotencyKey + ", run " + runId + ")";
    }
}
