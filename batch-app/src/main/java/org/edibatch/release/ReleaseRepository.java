package org.edibatch.release;

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
     * Every accepted declaration not released yet, with its channel, the officer's latest decision, the amount still
     * open ({@code declaration_receivable}) and its importer's monthly payment, in sender and number order.
     */
    public List<Unreleased> unreleased() {
        List<Unreleased> out = new ArrayList<>();
        jdbc.query("SELECT c.sender, c.declaration_no, COALESCE(v.file_id, d.file_id), COALESCE(v.msg_index, d.msg_index), "
                + "COALESCE(v.importer_code, d.importer_code), COALESCE(v.channel, d.channel), "
                + "COALESCE(v.status IN ('CANCELLED', 'REFUSED'), FALSE), COALESCE(v.duty_krw, d.duty_krw) + COALESCE(v.vat_krw, d.vat_krw), "
                + "o.id, o.kind, EXISTS (SELECT 1 FROM officer_decision_applied a WHERE a.decision_id = o.id), "
                + "COALESCE(r.open_amount, 0), COALESCE(p.monthly_payment, FALSE) "
                + "FROM declaration_number c JOIN declaration d ON d.file_id = c.file_id AND d.msg_index = c.msg_index "
                + "LEFT JOIN LATERAL (SELECT * FROM declaration_version x WHERE x.sender = c.sender "
                + "AND x.declaration_no = c.declaration_no ORDER BY x.version DESC LIMIT 1) v ON TRUE "
                + "LEFT JOIN LATERAL (SELECT y.id, y.kind FROM officer_decision y WHERE y.sender = c.sender "
                + "AND y.declaration_no = c.declaration_no ORDER BY y.id DESC LIMIT 1) o ON TRUE "
                + "LEFT JOIN declaration_receivable r ON r.sender = c.sender AND r.declaration_no = c.declaration_no "
                + "LEFT JOIN ref_party p ON p.customs_code = COALESCE(v.importer_code, d.importer_code) "
                + "WHERE NOT EXISTS (SELECT 1 FROM declaration_release x WHERE x.sender = c.sender "
                + "AND x.declaration_no = c.declaration_no) "
                + "ORDER BY c.sender, c.declaration_no", rs -> {
            long decision = rs.getLong(9);
            Long decisionId = rs.wasNull() ? null : decision;
            String kind = rs.getString(10);
            out.add(new Unreleased(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                    rs.getBigDecimal(8), decisionId, new ReleaseRules.Candidate(rs.getString(6),
                    kind == null ? null : ReleaseRules.Decision.valueOf(kind), rs.getBoolean(11), rs.getBoolean(7),
                    rs.getBigDecimal(12), rs.getBoolean(13))));
        });
        return out;
    }

    /** A release to record. */
    public record Release(Unreleased declaration, ReleaseRules.Basis basis) {
    }

    /** Records the releases, each once: one already recorded (by an earlier run) stays as it was. */
    public int record(List<Release> releases, long runId, Instant at) {
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
     * A release of a run, as its notice says it.
     *
     * @param format         EDIFACT or XML: how the released version came
     * @param originalFileId the original's message (its payment number)
     */
    public record Released(String sender, String format, String declarationNo, String kind, String acceptanceNo,
                           String basis, String channel, BigDecimal tax, long originalFileId, int originalIndex,
                           Instant releasedAt, String answerSyntax) {
    }

    /** The run's releases whose notice is not recorded yet, by sender, format and number. */
    public List<Released> withoutNotice(long runId) {
        return jdbc.query("SELECT r.sender, f.format, r.declaration_no, d.kind, COALESCE(v.acceptance_no, d.acceptance_no), "
                + "r.basis, r.channel, r.tax_due, c.file_id, c.msg_index, r.released_at, p.answer_syntax "
                + "FROM declaration_release r JOIN inbound_file f ON f.id = r.file_id "
                + "JOIN declaration d ON d.file_id = r.file_id AND d.msg_index = r.msg_index "
                + "LEFT JOIN declaration_version v ON v.file_id = r.file_id AND v.msg_index = r.msg_index "
                + "JOIN declaration_number c ON c.sender = r.sender AND c.declaration_no = r.declaration_no "
                + "LEFT JOIN ref_partner_profile p ON p.edi_id = r.sender "
                + "WHERE r.run_id = ? AND NOT EXISTS (SELECT 1 FROM release_notice n WHERE n.run_id = r.run_id "
                + "AND n.sender = r.sender AND n.format = (CASE WHEN f.format = 'XML' THEN 'XML' ELSE 'EDIFACT' END)) "
                + "ORDER BY r.sender, f.format, r.declaration_no",
                (rs, i) -> new Released(rs.getString(1), "XML".equals(rs.getString(2)) ? "XML" : "EDIFACT",
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getBigDecimal(8), rs.getLong(9), rs.getInt(10), rs.getTimestamp(11).toInstant(),
                        rs.getString(12)), runId);
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
