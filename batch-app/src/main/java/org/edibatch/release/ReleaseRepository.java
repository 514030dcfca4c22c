package org.edibatch.release;

import org.edibatch.db.CopyRows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The releases: which declarations are not released yet (with what the rules need), the releases recorded, and
 * the notices written for them. A declaration is its sender and number; its current version is the latest of
 * {@code declaration_version}, else the original its number claim points to.
 */
public final class ReleaseRepository {

    /** Rows per round trip of the streamed queries. */
    private static final int FETCH = 5_000;

    private final JdbcTemplate jdbc;

    public ReleaseRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A declaration not released yet and what the release rules read of it.
     *
     * @param fileId      the current version's message
     * @param tax         the current version's duty and VAT
     * @param decisionId  the officer's latest decision, null when none
     */
    public record Unreleased(String sender, String declarationNo, long fileId, int msgIndex, String importerCode,
                             BigDecimal tax, Long decisionId, ReleaseRules.Candidate candidate) {
    }

    /**
     * The accepted declarations not released yet that run {@code runId} must judge, with their channel, the officer's
     * latest decision, the amount still open (as {@code declaration_receivable} computes it) and their importer's
     * monthly payment, in sender and number order.
     *
     * <p>Only candidates are read: a declaration the last completed release step judged unreleasable can become
     * releasable only when something it is judged on changed since, and each such change is a row of a later run
     * (a declaration or version accepted, a payment, a moved credit balance) or is always read again (an officer's
     * decision, which the console records between runs; an importer on monthly payment, as the party registry may
     * change). Runs after that step, not only this one, so that a run abandoned between its payments and its
     * release leaves nothing behind. Before any release step completed, every declaration is a candidate. Must run
     * in a transaction (the rows are streamed).
     */
    public void forEachUnreleased(long runId, java.util.function.Consumer<Unreleased> each) {
        Long judged = jdbc.queryForObject("SELECT max(e.job_instance_id) FROM batch_step_execution s "
                + "JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id "
                + "WHERE s.step_name = 'release' AND s.status = 'COMPLETED' AND e.job_instance_id < ?", Long.class,
                runId);
        String candidates;
        Object[] args;
        if (judged == null) {
            candidates = "SELECT sender, declaration_no FROM declaration_number";
            args = new Object[0];
        } else {
            candidates = "SELECT d.sender, d.declaration_no FROM inbound_file f "
                    + "JOIN declaration d ON d.file_id = f.id WHERE f.run_id > ? "
                    + "UNION SELECT sender, declaration_no FROM declaration_version WHERE run_id > ? "
                    + "UNION SELECT sender, declaration_no FROM payment_line WHERE run_id > ? AND sender IS NOT NULL "
                    + "UNION SELECT sender, declaration_no FROM receivable_refund WHERE run_id > ? "
                    + "UNION SELECT sender, declaration_no FROM officer_decision "
                    + "UNION SELECT d.sender, d.declaration_no FROM declaration d "
                    + "JOIN ref_party p ON p.customs_code = d.importer_code AND p.monthly_payment "
                    + "UNION SELECT v.sender, v.declaration_no FROM declaration_version v "
                    + "JOIN ref_party p ON p.customs_code = v.importer_code AND p.monthly_payment";
            args = new Object[]{judged, judged, judged, judged};
        }
        // The candidates first, in a table of the transaction's own with its statistics: joined in one statement,
        // the planner guessed a few thousand where a night of payments has a million and looked each one up in
        // turn; knowing the count, it joins the large sets by hash and still looks a few up by index.
        jdbc.update("CREATE TEMPORARY TABLE release_candidate ON COMMIT DROP AS "
                + "SELECT c.sender, c.declaration_no, c.file_id, c.msg_index FROM (" + candidates + ") k "
                + "JOIN declaration_number c ON c.sender = k.sender AND c.declaration_no = k.declaration_no "
                + "WHERE NOT EXISTS (SELECT 1 FROM declaration_release x WHERE x.sender = c.sender "
                + "AND x.declaration_no = c.declaration_no)", args);
        jdbc.execute("ANALYZE release_candidate");
        // the open amount as declaration_receivable (V14) computes it, for the candidates only: the view aggregates
        // every payment line ever recorded
        String sql = "WITH paid AS (SELECT pl.sender, pl.declaration_no, SUM(pl.applied) AS amount FROM payment_line pl "
                + "JOIN release_candidate c ON pl.sender = c.sender AND pl.declaration_no = c.declaration_no "
                + "GROUP BY 1, 2), "
                + "refunded AS (SELECT rr.sender, rr.declaration_no, SUM(rr.amount) AS amount FROM receivable_refund rr "
                + "JOIN release_candidate c ON rr.sender = c.sender AND rr.declaration_no = c.declaration_no "
                + "GROUP BY 1, 2), "
                + "v AS (SELECT DISTINCT ON (x.sender, x.declaration_no) x.* FROM declaration_version x "
                + "JOIN release_candidate c ON x.sender = c.sender AND x.declaration_no = c.declaration_no "
                + "ORDER BY x.sender, x.declaration_no, x.version DESC), "
                + "o AS (SELECT DISTINCT ON (y.sender, y.declaration_no) y.sender, y.declaration_no, y.id, y.kind "
                + "FROM officer_decision y JOIN release_candidate c ON y.sender = c.sender "
                + "AND y.declaration_no = c.declaration_no ORDER BY y.sender, y.declaration_no, y.id DESC) "
                + "SELECT c.sender, c.declaration_no, COALESCE(v.file_id, d.file_id), COALESCE(v.msg_index, d.msg_index), "
                + "COALESCE(v.importer_code, d.importer_code), COALESCE(v.channel, d.channel), "
                + "COALESCE(v.status IN ('CANCELLED', 'REFUSED'), FALSE), COALESCE(v.duty_krw, d.duty_krw) + COALESCE(v.vat_krw, d.vat_krw), "
                + "o.id, o.kind, EXISTS (SELECT 1 FROM officer_decision_applied a WHERE a.decision_id = o.id), "
                + "GREATEST(CASE WHEN v.status IN ('CANCELLED', 'REFUSED') THEN 0 "
                + "WHEN v.version IS NOT NULL THEN v.duty_krw + v.vat_krw "
                + "ELSE COALESCE(d.duty_krw, 0) + COALESCE(d.vat_krw, 0) END "
                + "- (COALESCE(paid.amount, 0) - COALESCE(refunded.amount, 0)), 0), "
                + "COALESCE(p.monthly_payment, FALSE) "
                + "FROM release_candidate c "
                + "JOIN declaration d ON d.file_id = c.file_id AND d.msg_index = c.msg_index "
                + "LEFT JOIN v ON v.sender = c.sender AND v.declaration_no = c.declaration_no "
                + "LEFT JOIN o ON o.sender = c.sender AND o.declaration_no = c.declaration_no "
                + "LEFT JOIN paid ON paid.sender = c.sender AND paid.declaration_no = c.declaration_no "
                + "LEFT JOIN refunded ON refunded.sender = c.sender AND refunded.declaration_no = c.declaration_no "
                + "LEFT JOIN ref_party p ON p.customs_code = COALESCE(v.importer_code, d.importer_code) "
                + "ORDER BY c.sender, c.declaration_no";
        // streamed (a night that pays a million declarations has a million candidates): on the step transaction's
        // connection, where a fetch size makes PostgreSQL hand the rows out a batch at a time
        jdbc.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long decision = rs.getLong(9);
                        Long decisionId = rs.wasNull() ? null : decision;
                        String kind = rs.getString(10);
                        each.accept(new Unreleased(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                                rs.getString(5), rs.getBigDecimal(8), decisionId, new ReleaseRules.Candidate(
                                rs.getString(6), kind == null ? null : ReleaseRules.Decision.valueOf(kind),
                                rs.getBoolean(11), rs.getBoolean(7), rs.getBigDecimal(12), rs.getBoolean(13))));
                    }
                }
            }
            return null;
        });
    }

    /** A release to record. */
    public record Release(Unreleased declaration, ReleaseRules.Basis basis) {
    }

    /**
     * Records the releases, each once: one already recorded (by an earlier run) stays as it was. By COPY, as the
     * candidates were read unreleased in the same transaction; by INSERT ... ON CONFLICT when a key was taken after
     * all (a million releases cost the server a few seconds more as INSERT statements).
     */
    public int record(List<Release> releases, long runId, Instant at) {
        if (releases.isEmpty()) {
            return 0;
        }
        CopyRows copy = new CopyRows("declaration_release", "sender, declaration_no, file_id, msg_index, importer_code, "
                + "channel, basis, decision_id, tax_due, run_id, released_at");
        String when = java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC).toString();
        for (Release r : releases) {
            Unreleased u = r.declaration();
            copy.add(u.sender(), u.declarationNo(), u.fileId(), u.msgIndex(), u.importerCode(),
                    u.candidate().channel(), r.basis().name(), u.decisionId(), u.tax(), runId, when);
        }
        if (copy.copyUnlessTaken(jdbc)) {
            return releases.size();
        }
        List<Object[]> rows = new ArrayList<>(releases.size());
        for (Release r : releases) {
            Unreleased u = r.declaration();
            rows.add(new Object[]{u.sender(), u.declarationNo(), u.fileId(), u.msgIndex(), u.importerCode(),
                    u.candidate().channel(), r.basis().name(), u.decisionId(), u.tax(), runId, Timestamp.from(at)});
        }
        int[] done = jdbc.batchUpdate("INSERT INTO declaration_release (sender, declaration_no, file_id, msg_index, "
                + "importer_code, channel, basis, decision_id, tax_due, run_id, released_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sender, declaration_no) DO NOTHING", rows);
        int n = 0;
        for (int d : done) {
            n += Math.max(d, 0);
        }
        return n;
    }

    /**
     * Fresh planner statistics for the releases, in the caller's transaction (V19): the answer step's notices join a
     * night's releases, planned for a handful of rows when the table's statistics predate them.
     */
    public void refreshStatistics() {
        jdbc.queryForList("SELECT statistics_refreshed('declaration_release')");
    }

    /**
     * A release of a run, as its notice says it.
     *
     * @param format         EDIFACT or XML: how the released version came
     * @param originalFileId the original's message (its payment number)
     */
    public record Released(String sender, String format, String declarationNo, String kind, String acceptanceNo,
                           String basis, String channel, BigDecimal tax, long originalFileId, int originalIndex,
                           Instant releasedAt, String answerSyntax) {
    }

    /** A notice still to write: a sender's releases of one format, and the syntax its answers are written in. */
    public record NoticeGroup(String sender, String format, String answerSyntax) {
    }

    private static final String FORMAT = "(CASE WHEN f.format = 'XML' THEN 'XML' ELSE 'EDIFACT' END)";

    /** The notices of the run not recorded yet, by sender and format. */
    public List<NoticeGroup> noticesToWrite(long runId) {
        return jdbc.query("SELECT g.sender, g.format, p.answer_syntax FROM (SELECT DISTINCT r.sender, " + FORMAT
                + " AS format FROM declaration_release r JOIN inbound_file f ON f.id = r.file_id WHERE r.run_id = ?) g "
                + "LEFT JOIN ref_partner_profile p ON p.edi_id = g.sender "
                + "WHERE NOT EXISTS (SELECT 1 FROM release_notice n WHERE n.run_id = ? AND n.sender = g.sender "
                + "AND n.format = g.format) ORDER BY g.sender, g.format",
                (rs, i) -> new NoticeGroup(rs.getString(1), rs.getString(2), rs.getString(3)), runId, runId);
    }

    /**
     * The run's releases of one notice, in number order (within the stored format, as before), streamed: a night
     * that releases a million declarations never holds them all. Must run in a transaction.
     */
    public void forEachReleased(long runId, NoticeGroup group, java.util.function.Consumer<Released> each) {
        String sql = "SELECT r.sender, f.format, r.declaration_no, d.kind, COALESCE(v.acceptance_no, d.acceptance_no), "
                + "r.basis, r.channel, r.tax_due, c.file_id, c.msg_index, r.released_at, p.answer_syntax "
                + "FROM declaration_release r JOIN inbound_file f ON f.id = r.file_id "
                + "JOIN declaration d ON d.file_id = r.file_id AND d.msg_index = r.msg_index "
                + "LEFT JOIN declaration_version v ON v.file_id = r.file_id AND v.msg_index = r.msg_index "
                + "JOIN declaration_number c ON c.sender = r.sender AND c.declaration_no = r.declaration_no "
                + "LEFT JOIN ref_partner_profile p ON p.edi_id = r.sender "
                + "WHERE r.run_id = ? AND r.sender = ? AND " + FORMAT + " = ? "
                + "ORDER BY f.format, r.declaration_no";
        jdbc.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                ps.setLong(1, runId);
                ps.setString(2, group.sender());
                ps.setString(3, group.format());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(new Released(rs.getString(1), "XML".equals(rs.getString(2)) ? "XML" : "EDIFACT",
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getBigDecimal(8), rs.getLong(9), rs.getInt(10), rs.getTimestamp(11).toInstant(),
                                rs.getString(12)));
                    }
                }
            }
            return null;
        });
    }

    /** Records a notice written; one recorded before (a rewrite after a restart) stays. */
    public void recordNotice(long runId, String sender, String format, String path, String sha256) {
        jdbc.update("INSERT INTO release_notice (run_id, sender, format, path, sha256) VALUES (?,?,?,?,?) "
                + "ON CONFLICT (run_id, sender, format) DO NOTHING", runId, sender, format, path, sha256);
    }

    /**
     * The declarations of importers on monthly payment not billed yet whose current version was accepted (its file
     * received, in {@code zone}) before {@code before}, with tax, in importer, month, sender and number order.
     */
    public List<MonthlyStatement> unbilled(java.time.ZoneId zone, java.time.LocalDate before) {
        List<MonthlyStatement> out = new ArrayList<>();
        jdbc.query("SELECT r.importer_code, p.name, p.party_id, p.edi_id, a.day, r.sender, r.declaration_no, "
                + "COALESCE(v.acceptance_no, d.acceptance_no), r.file_id, r.msg_index, "
                + "COALESCE(v.duty_krw, d.duty_krw), COALESCE(v.vat_krw, d.vat_krw) "
                + "FROM declaration_receivable r JOIN ref_party p ON p.customs_code = r.importer_code "
                + "AND p.monthly_payment "
                + "JOIN declaration d ON d.file_id = r.file_id AND d.msg_index = r.msg_index "
                + "LEFT JOIN LATERAL (SELECT x.file_id, x.acceptance_no, x.duty_krw, x.vat_krw FROM declaration_version x "
                + "WHERE x.sender = r.sender AND x.declaration_no = r.declaration_no ORDER BY x.version DESC LIMIT 1) v "
                + "ON TRUE JOIN inbound_file f ON f.id = COALESCE(v.file_id, r.file_id) "
                + "CROSS JOIN LATERAL (SELECT (f.received_at AT TIME ZONE ?)::date AS day) a "
                + "WHERE r.tax_due > 0 AND a.day < ? AND NOT EXISTS (SELECT 1 FROM monthly_statement s "
                + "WHERE s.importer_code = r.importer_code AND s.month = date_trunc('month', a.day)::date) "
                + "ORDER BY r.importer_code, date_trunc('month', a.day), r.sender, r.declaration_no", rs -> {
            java.time.LocalDate day = rs.getDate(5).toLocalDate();
            java.time.YearMonth month = java.time.YearMonth.from(day);
            MonthlyStatement last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || !last.importerCode().equals(rs.getString(1)) || !last.month().equals(month)) {
                last = new MonthlyStatement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), month,
                        new ArrayList<>());
                out.add(last);
            }
            last.lines().add(new MonthlyStatement.Line(rs.getString(6), rs.getString(7), rs.getString(8), day,
                    org.edibatch.schemas.PaymentNumber.of(rs.getLong(9), rs.getInt(10)), rs.getBigDecimal(11),
                    rs.getBigDecimal(12)));
        }, zone.getId(), java.sql.Date.valueOf(before));
        return out;
    }

    /** Records a statement written; one recorded before stays as it was. */
    public void recordStatement(MonthlyStatement s, long runId, String path, String sha256) {
        jdbc.update("INSERT INTO monthly_statement (importer_code, month, party_id, declarations, total_tax, due_date, "
                + "run_id, path, sha256) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (importer_code, month) DO NOTHING",
                s.importerCode(), java.sql.Date.valueOf(s.month().atDay(1)), s.partyId(), s.lines().size(),
                s.totalTax(), java.sql.Date.valueOf(s.dueDate()), runId, path, sha256);
    }

    /** How many declarations the run released. */
    public int releasedInRun(long runId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM declaration_release WHERE run_id = ?", Integer.class,
                runId);
        return n == null ? 0 : n;
    }
}
