package org.edibatch.ledger;

import org.edibatch.db.CopyRows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends entries to the journal inside the caller's transaction. The unique idempotency key makes a
 * second posting of the same source a no-op; the database itself refuses unbalanced entries (checked at the
 * end of each statement that adds lines, so all lines of an entry are added by one statement) and any UPDATE or
 * DELETE (append-only trigger).
 */
public class JdbcLedger {

    private final JdbcTemplate jdbc;

    public JdbcLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Posts many entries with a few statements instead of two per entry: the entries by one COPY, their ids
     * drawn from the journal's sequence before (or, when a key had been posted before, one multi-row insert that
     * the unique index makes skip those keys), then one COPY of the lines of those inserted.
     *
     * @return how many entries were posted (the others had been posted before)
     */
    public int postAll(List<JournalEntry> entries, long runId) {
        if (entries.isEmpty()) {
            return 0;
        }
        Map<String, JournalEntry> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.putIfAbsent(e.idempotencyKey(), e));
        List<JournalEntry> unique = new ArrayList<>(byKey.values());
        unique.sort(java.util.Comparator.comparing(JournalEntry::idempotencyKey)); // one lock order: no deadlocks
        // The content digests the seal step chains, from what is meant to be posted (docs/ARCHITECTURE.md).
        EntryDigest digest = new EntryDigest();
        String[] digests = new String[unique.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = HexFormat.of().formatHex(digest.of(unique.get(i), runId));
        }
        Map<String, Long> ids = copyUnlessPosted(unique, digests, runId);
        if (ids == null) {
            ids = insertUnlessPosted(unique, digests, runId);
        }
        // One COPY for all lines: the balance check runs once per statement (V2__customs.sql), so an entry's lines must
        // arrive together, and COPY is the cheapest way for the server to take them.
        CopyRows lines = new CopyRows("journal_line", "entry_id, line_no, account_code, party_id, debit, credit");
        for (JournalEntry e : unique) {
            Long id = ids.get(e.idempotencyKey());
            if (id == null) {
                continue;
            }
            int n = 1;
            for (JournalLine l : e.lines()) {
                lines.row().col(id.longValue()).col(n++).col(l.accountCode()).col(l.partyId()).col(l.debit())
                        .col(l.credit()).end();
            }
        }
        lines.copy(jdbc);
        return ids.size();
    }

    /**
     * The entries by COPY with ids drawn from the journal's sequence first, as nearly every key is new.
     *
     * @return the id of each entry, or null when one of the keys had been posted before (nothing was written)
     */
    private Map<String, Long> copyUnlessPosted(List<JournalEntry> unique, String[] digests, long runId) {
        List<Long> fresh = jdbc.queryForList("SELECT nextval('journal_entry_id_seq') FROM generate_series(1, ?)",
                Long.class, unique.size());
        CopyRows rows = new CopyRows("journal_entry", "id, idempotency_key, ledger, entry_date, description, "
                + "source_ref, run_id, content_digest");
        Map<String, Long> ids = new java.util.HashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            JournalEntry e = unique.get(i);
            rows.row().col(fresh.get(i).longValue()).col(e.idempotencyKey()).col(e.ledger()).col(e.entryDate())
                    .col(e.description()).col(e.sourceRef()).col(runId).col("\\x" + digests[i]).end();
            ids.put(e.idempotencyKey(), fresh.get(i));
        }
        return rows.copyUnlessTaken(jdbc) ? ids : null;
    }

    /** The entries whose keys were not posted before, one statement skipping the others: their ids by key. */
    private Map<String, Long> insertUnlessPosted(List<JournalEntry> unique, String[] digests, long runId) {
        return jdbc.execute((java.sql.Connection c) -> {
            int n = unique.size();
            String[] keys = new String[n];
            String[] ledgers = new String[n];
            java.sql.Date[] dates = new java.sql.Date[n];
            String[] descriptions = new String[n];
            String[] sources = new String[n];
            for (int i = 0; i < n; i++) {
                JournalEntry e = unique.get(i);
                keys[i] = e.idempotencyKey();
                ledgers[i] = e.ledger();
                dates[i] = Date.valueOf(e.entryDate());
                descriptions[i] = e.description();
                sources[i] = e.sourceRef();
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id, "
                            + "content_digest) SELECT k, l, d, t, s, ?, decode(h, 'hex') "
                            + "FROM unnest(?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[]) "
                            + "AS u(k, l, d, t, s, h) ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key, id")) {
                ps.setLong(1, runId);
                ps.setArray(2, c.createArrayOf("text", keys));
                ps.setArray(3, c.createArrayOf("text", ledgers));
                ps.setArray(4, c.createArrayOf("date", dates));
                ps.setArray(5, c.createArrayOf("text", descriptions));
                ps.setArray(6, c.createArrayOf("text", sources));
                ps.setArray(7, c.createArrayOf("text", digests));
                Map<String, Long> inserted = new java.util.HashMap<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return inserted;
            }
        });
    }

    /** @return true when the entry was posted, false when its key had been posted before */
    public boolean post(JournalEntry e, long runId) {
        return postAll(List.of(e), runId) == 1;
    }
}
