package org.edibatch.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends entries to the journal inside the caller's transaction. The unique idempotency key makes a
 * second posting of the same source a no-op; the database itself refuses unbalanced entries (deferred
 * trigger) and any UPDATE or DELETE (append-only trigger).
 */
public class JdbcLedger {

    private final JdbcTemplate jdbc;

    public JdbcLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the entry was posted, false when its key had been posted before */
    public boolean post(JournalEntry e, long runId) {
        List<Long> ids = jdbc.queryForList(
                "INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id) "
                        + "VALUES (?,?,?,?,?,?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                Long.class, e.idempotencyKey(), e.ledger(), Date.valueOf(e.entryDate()), e.description(),
                e.sourceRef(), runId);
        if (ids.isEmpty()) {
            return false;
        }
        long id = ids.get(0);
        List<Object[]> rows = new ArrayList<>();
        int n = 1;
        for (JournalLine l : e.lines()) {
            rows.add(new Object[]{id, n++, l.accountCode(), l.partyId(), l.debit(), l.credit()});
        }
        jdbc.batchUpdate("INSERT INTO journal_line (entry_id, line_no, account_code, party_id, debit, credit) "
                + "VALUES (?,?,?,?,?,?)", rows);
        return true;
    }
}
