package org.edibatch.decision;

import org.edibatch.customs.Amendments;
import org.edibatch.customs.Assessment;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.edifact.Syntax;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of applying decisions: where a decided message is, the versions decisions make
 * ({@code declaration_version} rows naming their decision), {@code officer_decision_applied}, and the applied
 * decisions whose answer to the sender is not recorded yet.
 */
public final class AppliedDecisionRepository {

    /** The kind of the answer to a decision, as {@code answer.kind} records it beside the file's own answers. */
    public static String answerKind(long decisionId) {
        return "CUSRES-D" + decisionId;
    }

    /** The kind of the XML answer to a decision on a declaration sent in XML. */
    public static String xmlAnswerKind(long decisionId) {
        return "XMLRES-D" + decisionId;
    }

    private final JdbcTemplate jdbc;

    public AppliedDecisionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Where the message is that the sender last sent for the number and that was accepted (its highest version
     * made by a message, else the original its claim points to), for a reassessment to correct.
     */
    public Optional<StoredMessages.Location> lastSenderMessage(String sender, String declarationNo) {
        List<long[]> found = jdbc.query("SELECT COALESCE(v.file_id, c.file_id), COALESCE(v.msg_index, c.msg_index) "
                + "FROM declaration_number c LEFT JOIN LATERAL (SELECT x.file_id, x.msg_index FROM declaration_version x "
                + "WHERE x.sender = c.sender AND x.declaration_no = c.declaration_no AND x.file_id IS NOT NULL "
                + "ORDER BY x.version DESC LIMIT 1) v ON TRUE WHERE c.sender = ? AND c.declaration_no = ?",
                (rs, n) -> new long[]{rs.getLong(1), rs.getInt(2)}, sender, declarationNo);
        return found.isEmpty() ? Optional.empty() : location(found.get(0)[0], (int) found.get(0)[1]);
    }

    /** Where a message is: its archived file, or the work copy while its run goes on. */
    public Optional<StoredMessages.Location> location(long fileId, int msgIndex) {
        return jdbc.query("SELECT f.sender, f.format, f.final_path, f.work_path, f.sig_form, f.sha256 "
                + "FROM inbound_file f WHERE f.id = ?", (rs, n) -> {
                    String archived = rs.getString(3);
                    return archived != null
                            ? new StoredMessages.Location(fileId, msgIndex, rs.getString(1), rs.getString(2),
                            Path.of(archived), "ATTACHED".equals(rs.getString(5)), rs.getString(6))
                            // the work copy of a .p7m is its extracted content, whose digest was not recorded
                            : new StoredMessages.Location(fileId, msgIndex, rs.getString(1), rs.getString(2),
                            Path.of(rs.getString(4)), false, "ATTACHED".equals(rs.getString(5)) ? null
                            : rs.getString(6));
                }, fileId).stream().findFirst();
    }

    /** The decided declaration's header (no items), which is all a refusal needs; whether it is an export. */
    public record Header(Declaration declaration, boolean export) {
    }

    public Header header(long fileId, int msgIndex) {
        return jdbc.queryForObject("SELECT sender, declaration_no, declaration_date, importer_code, currency, kind "
                        + "FROM declaration WHERE file_id = ? AND msg_index = ?",
                (rs, n) -> new Header(new Declaration(rs.getString(1), rs.getString(2),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getString(4), null, null,
                        rs.getString(5), null, List.of()), "EXPORT".equals(rs.getString(6))),
                fileId, msgIndex);
    }

    /**
     * Records the version a decision made; the primary key (sender, number, version) and the decision's unique
     * index refuse it a second time.
     */
    public void recordVersion(long decisionId, long runId, DeclarationOutcome o, String entryKey, String reversalKey,
                              boolean refusal) {
        Declaration d = o.declaration();
        Assessment a = o.assessment();
        Amendments.Applied applied = o.amendment();
        Amendments.State p = applied.previous();
        jdbc.update("INSERT INTO declaration_version (sender, declaration_no, version, message_function, file_id, "
                        + "msg_index, run_id, status, declaration_date, importer_code, acceptance_no, customs_value_krw, "
                        + "duty_krw, vat_krw, channel, previous_acceptance_no, previous_customs_value, previous_duty, "
                        + "previous_vat, entry_key, reversal_key, decision_id) "
                        + "VALUES (?,?,?,?,NULL,NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                d.sender(), d.declarationNo(), applied.version(), d.function().code(), runId,
                refusal ? "REFUSED" : applied.cancelled() ? "CANCELLED" : "ACCEPTED", Date.valueOf(d.date()),
                d.importerCode(), o.acceptanceNo(), a.customsValue(), a.duty(), a.vat(),
                o.selection() == null ? null : o.selection().channel().name(), p.acceptanceNo(), p.customsValue(),
                p.duty(), p.vat(), entryKey, reversalKey, decisionId);
    }

    /** The applied rows of one transaction, sent together (a night may apply tens of thousands of releases). */
    public final class Applied {
        private final List<Object[]> rows = new java.util.ArrayList<>();

        private Applied() {
        }

        /** A decision applied (or not applicable, with why), once: the key is the decision. */
        public void add(long decisionId, long runId, Instant at, Integer version, String notApplicable) {
            rows.add(new Object[]{decisionId, runId, Timestamp.from(at), version,
                    notApplicable == null ? "APPLIED" : "NOT_APPLICABLE", notApplicable});
        }

        public void write() {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO officer_decision_applied (decision_id, run_id, applied_at, version, "
                        + "outcome, detail) VALUES (?, ?, ?, ?, ?, ?)", rows);
            }
        }
    }

    public Applied applied() {
        return new Applied();
    }

    /**
     * An applied reassessment or refusal to answer: the decision, the message it was taken on, the version it
     * made, and what the answer's envelope needs (the file's digest, the syntax to answer in). {@code xml}: the
     * declaration came in an XML batch whose sender's profile keeps XML answers, so the answer is XML too;
     * {@code batchRef} is that file's control reference (BatchID), {@code declarationKind} IMPORT or EXPORT.
     */
    public record ToAnswer(long decisionId, long fileId, int msgIndex, String sender, String declarationNo,
                           String kind, String status, String acceptanceNo, Date declarationDate,
                           BigDecimal customsValue, BigDecimal duty, BigDecimal vat, String channel,
                           String previousAcceptanceNo, BigDecimal previousCustomsValue, BigDecimal previousDuty,
                           BigDecimal previousVat, String fileSha, Syntax answerSyntax, boolean xml,
                           String batchRef, String declarationKind) {
    }

    /** The applied reassessments and refusals without a recorded answer, in decision order. */
    public List<ToAnswer> toAnswer() {
        return jdbc.query("SELECT o.id, o.file_id, o.msg_index, o.sender, o.declaration_no, o.kind, v.status, "
                + "v.acceptance_no, v.declaration_date, v.customs_value_krw, v.duty_krw, v.vat_krw, v.channel, "
                + "v.previous_acceptance_no, v.previous_customs_value, v.previous_duty, v.previous_vat, f.sha256, "
                + "i.syntax_id, i.syntax_version, p.answer_syntax, "
                + "f.format = 'XML' AND COALESCE(p.xml_answer, 'XML') = 'XML', i.control_ref, d.kind "
                + "FROM officer_decision_applied a JOIN officer_decision o ON o.id = a.decision_id "
                + "JOIN declaration_version v ON v.decision_id = o.id "
                + "JOIN inbound_file f ON f.id = o.file_id "
                + "LEFT JOIN declaration d ON d.file_id = o.file_id AND d.msg_index = o.msg_index "
                + "LEFT JOIN interchange i ON i.file_id = f.id "
                + "LEFT JOIN ref_partner_profile p ON p.edi_id = i.sender "
                + "WHERE a.outcome = 'APPLIED' AND NOT EXISTS (SELECT 1 FROM answer x WHERE x.file_id = o.file_id "
                + "AND x.kind IN ('CUSRES-D' || o.id, 'XMLRES-D' || o.id)) ORDER BY o.id",
                (rs, n) -> new ToAnswer(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getDate(9), rs.getBigDecimal(10),
                        rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), rs.getString(14),
                        rs.getBigDecimal(15), rs.getBigDecimal(16), rs.getBigDecimal(17), rs.getString(18),
                        Syntax.forAnswer(rs.getString(19), rs.getString(20), rs.getString(21)), rs.getBoolean(22),
                        rs.getString(23), rs.getString(24)));
    }
}
