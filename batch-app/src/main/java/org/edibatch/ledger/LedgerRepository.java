package org.edibatch.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the seal step and verify-ledger read and record: the journal streamed, the seals, the running totals. */
public class LedgerRepository {

    /** Rows per round trip when the journal is streamed. */
    private static final int FETCH_SIZE = 2000;

    /** A seal as recorded (V5__ledger_seal.sql). */
    public record Seal(long sealNo, long runId, long lastEntryId, long entries, byte[] head, int differences,
                       String findings, Instant sealedAt) {
    }

    /** A verify-ledger run as recorded. */
    public record Verification(Instant verifiedAt, long entries, long files, long differences) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public LedgerRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(FETCH_SIZE);
    }

    /**
     * The entries with ids above {@code afterId}, in id order, each with its lines; an entry without lines comes
     * with none. Call it inside a transaction: the PostgreSQL driver streams only there, and the planner
     * settings below last until its end.
     */
    public void entries(long afterId, Consumer<PostedEntry> each) {
        EntryRows rows = new EntryRows(each);
        // Both keys read in order and merged: the rows stream from the first one, in flat memory. On statistics
        // not yet updated after a night's posting, the planner would rather hash the entries and sort all the
        // rows on disk before returning any (3 s instead of 1.3 s over 100,000 entries), so it is told not to.
        jdbc.execute("SET LOCAL enable_hashjoin = off");
        jdbc.execute("SET LOCAL enable_sort = off");
        try {
            streaming.query("SELECT e.id, e.idempotency_key, e.ledger, e.entry_date, e.description, e.source_ref, "
                    + "e.run_id, e.content_digest, l.line_no, l.account_code, l.party_id, l.debit, l.credit "
                    + "FROM journal_entry e LEFT JOIN journal_line l ON l.entry_id = e.id AND l.entry_id > ? "
                    + "WHERE e.id > ? ORDER BY e.id, l.line_no", rows, afterId, afterId);
        } finally {
            jdbc.execute("SET LOCAL enable_hashjoin TO DEFAULT");
            jdbc.execute("SET LOCAL enable_sort TO DEFAULT");
        }
        rows.flush();
    }

    /** Groups the joined rows back into entries. */
    private static final class EntryRows implements RowCallbackHandler {
        private final Consumer<PostedEntry> each;
        private PostedEntry current;

        EntryRows(Consumer<PostedEntry> each) {
            this.each = each;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            long id = rs.getLong(1);
            if (current == null || current.id() != id) {
                flush();
                current = new PostedEntry(id, rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.LocalDate.class), rs.getString(5), rs.getString(6), rs.getLong(7),
                        rs.getBytes(8), new ArrayList<>(4));
            }
            int lineNo = rs.getInt(9);
            if (!rs.wasNull()) {
                current.lines().add(new PostedEntry.Line(lineNo, rs.getString(10), rs.getString(11),
                        rs.getBigDecimal(12), rs.getBigDecimal(13)));
            }
        }

        void flush() {
            if (current != null) {
                each.accept(current);
                current = null;
            }
        }
    }

    private static final String SEAL_COLUMNS = "seal_no, run_id, last_entry_id, entries, head, differences, findings, "
            + "sealed_at";

    private static Seal seal(ResultSet rs, int n) throws SQLException {
        return new Seal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBytes(5), rs.getInt(6),
                rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    /** Every seal, oldest first: one a run that posts, so a few thousand after years. */
    public List<Seal> seals() {
        return jdbc.query("SELECT " + SEAL_COLUMNS + " FROM ledger_seal ORDER BY seal_no", LedgerRepository::seal);
    }

    public Optional<Seal> lastSeal() {
        return jdbc.query("SELECT " + SEAL_COLUMNS + " FROM ledger_seal ORDER BY seal_no DESC LIMIT 1",
                LedgerRepository::seal).stream().findFirst();
    }

    /** The seals a run made (more than one when its seal step ran again). */
    public List<Seal> sealsOf(long runId) {
        return jdbc.query("SELECT " + SEAL_COLUMNS + " FROM ledger_seal WHERE run_id = ? ORDER BY seal_no",
                LedgerRepository::seal, runId);
    }

    public void insertSeal(Seal s, LedgerTotals counted) {
        jdbc.update("INSERT INTO ledger_seal (" + SEAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.sealNo(),
                s.runId(), s.lastEntryId(), s.entries(), s.head(), s.differences(), s.findings(),
                Timestamp.from(s.sealedAt()));
        List<Object[]> runs = new ArrayList<>();
        List<Object[]> accounts = new ArrayList<>();
        for (long run : counted.runs()) {
            runs.add(new Object[]{s.sealNo(), run, counted.entries(run)});
            counted.accounts(run).forEach((code, a) -> accounts.add(
                    new Object[]{s.sealNo(), run, code, a.lines(), a.debit(), a.credit()}));
        }
        jdbc.batchUpdate("INSERT INTO ledger_seal_run (seal_no, run_id, entries) VALUES (?, ?, ?)", runs);
        jdbc.batchUpdate("INSERT INTO ledger_seal_account (seal_no, run_id, account_code, lines, debit, credit) "
                + "VALUES (?, ?, ?, ?, ?, ?)", accounts);
    }

    /** What the seals so far counted of these runs' entries, from their lines. */
    public LedgerTotals sealedTotals(Collection<Long> runs) {
        LedgerTotals t = new LedgerTotals();
        Long[] ids = runs.toArray(new Long[0]);
        jdbc.query("SELECT run_id, SUM(entries) FROM ledger_seal_run WHERE run_id = ANY(?) GROUP BY run_id",
                rs -> {
                    t.addEntries(rs.getLong(1), rs.getLong(2));
                }, (Object) ids);
        jdbc.query("SELECT run_id, account_code, SUM(lines), SUM(debit), SUM(credit) FROM ledger_seal_account "
                + "WHERE run_id = ANY(?) GROUP BY run_id, account_code", rs -> {
                    t.addLines(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5));
                }, (Object) ids);
        return t;
    }

    /** The running totals the journal's triggers keep, of these runs, or of all runs when null. */
    public LedgerTotals runningTotals(Collection<Long> runs) {
        LedgerTotals t = new LedgerTotals();
        String where = runs == null ? "" : " WHERE run_id = ANY(?)";
        Object[] args = runs == null ? new Object[0] : new Object[]{runs.toArray(new Long[0])};
        jdbc.query("SELECT run_id, SUM(entries) FROM ledger_run_entries" + where + " GROUP BY run_id", rs -> {
            t.addEntries(rs.getLong(1), rs.getLong(2));
        }, args);
        jdbc.query("SELECT run_id, account_code, SUM(lines), SUM(debit), SUM(credit) FROM ledger_run_account" + where
                + " GROUP BY run_id, account_code", rs -> {
                    t.addLines(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5));
                }, args);
        return t;
    }

    /**
     * The status of each run's last execution (COMPLETED, FAILED, STARTED...); a run no job ran is absent.
     */
    public Map<Long, String> runStatuses(Collection<Long> runs) {
        Map<Long, String> status = new HashMap<>();
        if (runs.isEmpty()) {
            return status;
        }
        jdbc.query("SELECT e.job_instance_id, e.status FROM batch_job_execution e WHERE e.job_execution_id IN "
                + "(SELECT MAX(job_execution_id) FROM batch_job_execution WHERE job_instance_id = ANY(?) "
                + "GROUP BY job_instance_id)", rs -> {
                    status.put(rs.getLong(1), rs.getString(2));
                }, (Object) runs.toArray(new Long[0]));
        return status;
    }

    /** Entries above the last seal: posted by a run still going on or one that failed before its seal step. */
    public long unsealedEntries(long afterId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM journal_entry WHERE id > ?", Long.class, afterId);
        return n == null ? 0 : n;
    }

    public void insertVerification(Instant at, long entries, long files, Findings findings) {
        jdbc.update("INSERT INTO ledger_verification (verified_at, entries, files, differences, findings) "
                + "VALUES (?, ?, ?, ?, ?)", Timestamp.from(at), entries, files, findings.count(), findings.text());
    }

    public Optional<Verification> lastVerification() {
        return jdbc.query("SELECT verified_at, entries, files, differences FROM ledger_verification "
                + "ORDER BY id DESC LIMIT 1", (rs, n) -> new Verification(rs.getTimestamp(1).toInstant(),
                rs.getLong(2), rs.getLong(3), rs.getLong(4))).stream().findFirst();
    }
}
