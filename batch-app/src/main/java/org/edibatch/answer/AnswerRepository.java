package org.edibatch.answer;

import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.edifact.Syntax;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.intake.EnvelopeStatus;
import org.edibatch.schemas.PaymentNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answers to inbound files: which were written, and what the customs step committed that they are built
 * from. The rows of a file's messages and declarations are streamed (see {@link StreamingQuery}) so that
 * answering an interchange of millions of messages needs the memory of one.
 */
public final class AnswerRepository {

    private final JdbcTemplate jdbc;

    public AnswerRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Hands over one row of a streamed query. */
    public interface RowSink<T> {
        void accept(T row) throws java.io.IOException;
    }

    /** Records written answers in the order given; a rewrite replaces its row. */
    public void record(List<AnswerFile> answers) {
        List<Object[]> rows = new ArrayList<>(answers.size());
        for (AnswerFile a : answers) {
            rows.add(new Object[]{a.fileId(), a.kind(), a.recipient(), a.path(), a.sha256()});
        }
        jdbc.batchUpdate("INSERT INTO answer (file_id, kind, recipient, path, sha256) VALUES (?,?,?,?,?) "
                + "ON CONFLICT (file_id, kind) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256", rows);
    }

    /**
     * An inbound file of the run with its envelope, as the answer step needs it.
     *
     * @param error           the envelope's error, null when it was accepted
     * @param allContrl       every message of the file is a CONTRL (never answered with a CONTRL)
     * @param hasDeclarations the customs step recorded declarations for it
     * @param recorded        the kinds of answer already recorded for it
     * @param answerSyntax    the syntax to answer in: the sender's own, or its partner profile's
     * @param positiveContrl  the sender wants a CONTRL also when nothing was rejected
     * @param anyRejected     a message of the file was rejected for its syntax (or type)
     * @param edifactForXml   the sender's profile wants an accepted XML batch answered with an EDIFACT CUSRES
     */
    public record FileToAnswer(long id, String sha, String sender, String recipient, String controlRef,
                               EnvelopeStatus status,
                               SyntaxError error, String reasonCode, String sigReason, String sigDetail, String format,
                               String errorText, boolean allContrl, boolean hasDeclarations, Set<String> recorded,
                               Syntax answerSyntax, boolean positiveContrl, boolean anyRejected,
                               boolean edifactForXml, String syntaxVersion, String senderQualifier,
                               String recipientQualifier) {
    }

    private static final RowMapper<FileToAnswer> FILE_TO_ANSWER = (rs, n) -> new FileToAnswer(rs.getLong(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), EnvelopeStatus.valueOf(rs.getString(6)),
            rs.getString(7) == null ? null
                    : new SyntaxError(rs.getString(7), 0, rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getString(11)),
            rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(11),
            rs.getBoolean(16), rs.getBoolean(17), Set.of((String[]) rs.getArray(18).getArray()),
            Syntax.forAnswer(rs.getString(19), rs.getString(20), rs.getString(21)), rs.getBoolean(22),
            rs.getBoolean(23), rs.getBoolean(24), rs.getString(20), rs.getString(25), rs.getString(26));

    /** The run's files that have an envelope row, in id order. */
    public List<FileToAnswer> filesOfRun(long runId) {
        return jdbc.query("SELECT f.id, f.sha256, i.sender, i.recipient, i.control_ref, i.status, "
                + "i.error_code, i.error_segment, i.error_element, i.error_component, i.error_text, "
                + "f.reason_code, f.sig_reason, f.sig_detail, f.format, "
                + "(SELECT COUNT(*) > 0 AND COUNT(*) FILTER (WHERE r.message_type NOT LIKE 'CONTRL:%') = 0 "
                + "FROM message_result r WHERE r.file_id = f.id), "
                + "EXISTS (SELECT 1 FROM declaration d WHERE d.file_id = f.id), "
                + "ARRAY(SELECT a.kind FROM answer a WHERE a.file_id = f.id), "
                + "i.syntax_id, i.syntax_version, p.answer_syntax, COALESCE(p.positive_contrl, TRUE), "
                + "EXISTS (SELECT 1 FROM message_result r WHERE r.file_id = f.id AND r.status = 'REJECTED'), "
                + "COALESCE(p.xml_answer = 'EDIFACT', FALSE), i.sender_qual, i.recipient_qual "
                + "FROM inbound_file f JOIN interchange i ON i.file_id = f.id "
                + "LEFT JOIN ref_partner_profile p ON p.edi_id = i.sender WHERE f.run_id = ? ORDER BY f.id",
                FILE_TO_ANSWER, runId);
    }

    /** A message's syntax result, once per syntax error (error null for a message without any). */
    public record MessageRow(int index, String reference, String type, SyntaxError error) {
    }

    /** The file's messages in order, each with its syntax errors in order. */
    public void forEachMessage(long fileId, RowSink<MessageRow> sink) {
        StreamingQuery.forEach(jdbc, "SELECT r.msg_index, r.message_ref, r.message_type, e.code, e.segment_position, "
                + "e.segment_tag, e.element_position, e.component_position, e.text FROM message_result r "
                + "LEFT JOIN syntax_error e ON e.file_id = r.file_id AND e.msg_index = r.msg_index "
                + "WHERE r.file_id = ? ORDER BY r.msg_index, e.seq", rs -> sink.accept(new MessageRow(rs.getInt(1),
                rs.getString(2), rs.getString(3), rs.getString(4) == null ? null : new SyntaxError(rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getString(9)))), fileId);
    }

    /**
     * A declaration's decision, once per content error (the error columns null for a declaration without any).
     * {@code kind}, {@code exchangeRate}, {@code errorLine} and {@code errorColumn} are read for XML answers only.
     */
    public record DeclarationRow(int index, String kind, String declarationNo, Date date, String status,
                                 String acceptanceNo, BigDecimal exchangeRate, BigDecimal customsValue,
                                 BigDecimal duty, BigDecimal vat, String channel, Integer score, String ruleHits,
                                 String errorCode, String errorPointer, int errorLine, int errorColumn,
                                 String errorText, Version version, PaymentNumber.Key original) {

        public boolean accepted() {
            return DeclarationOutcome.Status.ACCEPTED.name().equals(status);
        }

        public boolean hasError() {
            return errorCode != null;
        }
    }

    /**
     * The message function of a declaration and, for an accepted replacement or cancellation, the version it made
     * and the one it replaced ({@code declaration_version}); {@code status} is null for an original or a refusal.
     */
    public record Version(String function, String status, String previousAcceptanceNo,
                          BigDecimal previousCustomsValue, BigDecimal previousDuty, BigDecimal previousVat) {
    }

    private static Version version(ResultSet rs, int column) throws SQLException {
        String function = rs.getString(column);
        return new Version(function == null ? "9" : function, rs.getString(column + 1), rs.getString(column + 2),
                rs.getBigDecimal(column + 3), rs.getBigDecimal(column + 4), rs.getBigDecimal(column + 5));
    }

    /**
     * The number claim of an accepted declaration's original (its own for an original, the one it replaced for an
     * amendment): its payment number. Only an accepted declaration's claim is its own or its original's.
     */
    private static final String ORIGINAL = "LEFT JOIN declaration_number c ON d.status = 'ACCEPTED' "
            + "AND c.sender = d.sender AND c.declaration_no = d.declaration_no ";

    private static PaymentNumber.Key original(ResultSet rs, int column) throws SQLException {
        long fileId = rs.getLong(column);
        return rs.wasNull() ? null : new PaymentNumber.Key(fileId, rs.getInt(column + 1));
    }

    /** When the file was received: its declarations' acceptance date, in the office's zone. */
    public java.time.Instant receivedAt(long fileId) {
        return jdbc.queryForObject("SELECT received_at FROM inbound_file WHERE id = ?", java.sql.Timestamp.class,
                fileId).toInstant();
    }

    /** The file's declarations in order, each with its content errors in order, for an EDIFACT answer. */
    public void forEachDeclaration(long fileId, RowSink<DeclarationRow> sink) {
        StreamingQuery.forEach(jdbc, "SELECT d.msg_index, d.declaration_no, d.declaration_date, d.status, d.acceptance_no, "
                + "d.customs_value_krw, d.duty_krw, d.vat_krw, d.channel, d.score, d.rule_hits, e.code, e.pointer, e.text, "
                + "d.message_function, v.status, v.previous_acceptance_no, v.previous_customs_value, v.previous_duty, "
                + "v.previous_vat, c.file_id, c.msg_index "
                + "FROM declaration d LEFT JOIN declaration_error e ON e.file_id = d.file_id AND e.msg_index = d.msg_index "
                + "LEFT JOIN declaration_version v ON v.file_id = d.file_id AND v.msg_index = d.msg_index "
                + ORIGINAL
                + "WHERE d.file_id = ? ORDER BY d.msg_index, e.seq", rs -> sink.accept(new DeclarationRow(rs.getInt(1),
                null, rs.getString(2), rs.getDate(3), rs.getString(4), rs.getString(5), null, rs.getBigDecimal(6),
                rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9), score(rs, 10), rs.getString(11),
                rs.getString(12), rs.getString(13), 0, 0, rs.getString(14), version(rs, 15), original(rs, 21))),
                fileId);
    }

    /** The file's declarations in order, each with its content errors in order, for an XML answer. */
    public void forEachXmlDeclaration(long fileId, RowSink<DeclarationRow> sink) {
        StreamingQuery.forEach(jdbc, "SELECT d.msg_index, d.kind, d.declaration_no, d.declaration_date, d.status, "
                + "d.acceptance_no, d.exchange_rate, d.customs_value_krw, d.duty_krw, d.vat_krw, d.channel, d.score, "
                + "d.rule_hits, e.code, e.pointer, e.line, e.col, e.text, d.message_function, v.status, "
                + "v.previous_acceptance_no, v.previous_customs_value, v.previous_duty, v.previous_vat, "
                + "c.file_id, c.msg_index "
                + "FROM declaration d LEFT JOIN declaration_error e "
                + "ON e.file_id = d.file_id AND e.msg_index = d.msg_index "
                + "LEFT JOIN declaration_version v ON v.file_id = d.file_id AND v.msg_index = d.msg_index "
                + ORIGINAL
                + "WHERE d.file_id = ? ORDER BY d.msg_index, e.seq",
                rs -> sink.accept(new DeclarationRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDate(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10), rs.getString(11), score(rs, 12), rs.getString(13), rs.getString(14),
                        rs.getString(15), rs.getInt(16), rs.getInt(17), rs.getString(18), version(rs, 19),
                        original(rs, 25))), fileId);
    }

    /** How many declarations the customs step recorded for the file. */
    public int declarationCount(long fileId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM declaration WHERE file_id = ?", Integer.class, fileId);
        return count == null ? 0 : count;
    }

    /** A bank's credit line that was not a plain payment (it carries a code), for the bank's receipt. */
    public record CodedPaymentLine(int msgIndex, int lineIndex, String transactionRef, String paymentReference,
                                   BigDecimal amount, String currency, String outcome, String code) {
    }

    /** How the lines of a bank's file went: all of them, those posted, those refused. */
    public record PaymentLineCounts(long lines, long posted, long refused) {
    }

    public PaymentLineCounts paymentLineCounts(long fileId) {
        return jdbc.queryForObject("SELECT COUNT(*), COUNT(*) FILTER (WHERE outcome <> 'REFUSED'), "
                + "COUNT(*) FILTER (WHERE outcome = 'REFUSED') FROM payment_line WHERE file_id = ?",
                (rs, n) -> new PaymentLineCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), fileId);
    }

    /** The file's credit lines that carry a code (refused, suspense, refunds), in file order, streamed. */
    public void forEachCodedPaymentLine(long fileId, RowSink<CodedPaymentLine> sink) {
        StreamingQuery.forEach(jdbc, "SELECT msg_index, line_index, transaction_ref, payment_reference, amount, "
                + "currency, outcome, code FROM payment_line WHERE file_id = ? AND code IS NOT NULL "
                + "ORDER BY msg_index, line_index", rs -> sink.accept(new CodedPaymentLine(rs.getInt(1), rs.getInt(2),
                rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7),
                rs.getString(8))), fileId);
    }

    private static Integer score(ResultSet rs, int column) throws SQLException {
        int score = rs.getInt(column);
        return rs.wasNull() ? null : score;
    }
}
