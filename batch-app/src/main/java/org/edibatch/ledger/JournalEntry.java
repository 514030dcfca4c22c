package org.edibatch.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A balanced posting. The idempotency key names the source message, so posting the same source twice
 * (a rerun, a restart, the same file dropped again) is recognised and skipped.
 */
public record JournalEntry(String idempotencyKey, String ledger, LocalDate entryDate, String description,
                           String sourceRef, List<JournalLine> lines) {

    public JournalEntry {
        lines = List.copyOf(lines);
        if (lines.size() < 2) {
            throw new IllegalArgumentException("an entry needs at least two lines");
        }
        BigDecimal d = BigDecimal.ZERO;
        BigDecimal c = BigDecimal.ZERO;
        for (JournalLine l : lines) {
            d = d.add(l.debit());
            c = c.add(l.credit());
        }
        if (d.compareTo(c) != 0) {
            throw new IllegalArgumentException("unbalanced entry " + idempotencyKey + ": debits " + d + " credits " + c);
        }
    }
}
