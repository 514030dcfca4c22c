package org.edibatch.console;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the console's pages read. Every value from a request is a named parameter; a filter adds one of the fixed
 * conditions below, never text of its own. Pages are keyset pages: the next one starts after the last row shown,
 * so a page costs the same at any depth.
 */
public class ConsoleRepository {

    /** A declaration in review. */
    public record QueueRow(long fileId, int msgIndex, long runId, Instant receivedAt, String sender,
                           String declarationNo, String importer, String channel, Integer score, String ruleHits) {
    }

    /** The review queue's filters; null means any. {@code to} is exclusive. */
    public record QueueFilter(String channel, String importer, String sender, Instant from, Instant to) {
    }

    /** Where a queue page starts: after this row. */
    public record QueueKey(Instant receivedAt, long fileId, int msgIndex) {
    }

    /** An exception item. */
    public record ExceptionRow(long runId, long fileId, int msgIndex, int seq, String category, String sender,
                               String fileName, String messageRef, String declarationNo, String code, String text,
                               String channel, Integer score, Instant receivedAt) {
    }

    public record ExceptionFilter(Long runId, String sender, String category, String code, Instant from, Instant to) {
    }

    /** Where an exceptions page starts: after this item (newest first). */
    public record ExceptionKey(long fileId, int msgIndex, int seq) {
    }

    /** A message of a file, with its declaration when it is one. */
    public record Message(long fileId, int msgIndex, long runId, String fileName, Instant receivedAt, String format,
                          String messageRef, String messageType, String syntaxStatus, String sender,
                          String declarationNo, String declarationDate, String importer, String currency,
                          String status, String acceptanceNo, BigDecimal exchangeRate, BigDecimal customsValue,
                          BigDecimal duty, BigDecimal vat, String channel, Integer score, String ruleHits,
                          String kind) {
        public boolean declaration() {
            return declarationNo != null;
        }

        public boolean inReview() {
            return "ACCEPTED".equals(status) && ("YELLOW".equals(channel) || "RED".equals(channel));
        }
    }

    public record SyntaxError(int seq, String code, int segmentPosition, String segmentTag, int elementPosition,
                              int componentPosition, String text) {
    }

    public record ContentError(int seq, String code, String pointer, String text, int line, int col) {
    }

    public record LedgerLine(long entryId, String idempotencyKey, String entryDate, String description, long runId,
                             int lineNo, String account, String party, BigDecimal debit, BigDecimal credit) {
    }

    public record Answer(long fileId, String kind, String recipient, String name) {
    }

    public record RunInfo(long runId, String jobName, String status, Timestamp started, Timestamp ended) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ConsoleRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Yellow and red accepted declarations without a decision, oldest first: the {@code review_queue} the
     * triggers of V13 keep, walked by its (received_at, file_id, msg_index) index from the page's key.
     */
    public List<QueueRow> queue(QueueFilter f, QueueKey after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT q.file_id, q.msg_index, fi.run_id, q.received_at, q.sender, "
                + "q.declaration_no, q.importer_code, q.channel, d.score, d.rule_hits FROM review_queue q "
                + "JOIN declaration d ON d.file_id = q.file_id AND d.msg_index = q.msg_index "
                + "JOIN inbound_file fi ON fi.id = q.file_id WHERE TRUE");
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        if (f.channel() != null) {
            sql.append(" AND q.channel = :channel");
            p.addValue("channel", f.channel());
        }
        if (f.importer() != null) {
            sql.append(" AND q.importer_code = :importer");
            p.addValue("importer", f.importer());
        }
        if (f.sender() != null) {
            sql.append(" AND q.sender = :sender");
            p.addValue("sender", f.sender());
        }
        if (f.from() != null) {
            sql.append(" AND q.received_at >= :from");
            p.addValue("from", Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND q.received_at < :to");
            p.addValue("to", Timestamp.from(f.to()));
        }
        if (after != null) {
            sql.append(" AND (q.received_at, q.file_id, q.msg_index) > (:t, :f, :m)");
            p.addValue("t", Timestamp.from(after.receivedAt())).addValue("f", after.fileId())
                    .addValue("m", after.msgIndex());
        }
        sql.append(" ORDER BY q.received_at, q.file_id, q.msg_index LIMIT :limit");
        return jdbc.query(sql.toString(), p, (rs, n) -> new QueueRow(rs.getLong(1), rs.getInt(2), rs.getLong(3),
                instant(rs, 4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                (Integer) rs.getObject(9), rs.getString(10)));
    }

    /** Exception items, newest first (file, message, item: the primary key backwards). */
    public List<ExceptionRow> exceptions(ExceptionFilter f, ExceptionKey after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT x.run_id, x.file_id, x.msg_index, x.seq, x.category, x.sender, "
                + "x.file_name, x.message_ref, x.declaration_no, x.code, x.text, x.channel, x.score, f.received_at "
                + "FROM exception_item x JOIN inbound_file f ON f.id = x.file_id WHERE TRUE");
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        if (f.runId() != null) {
            sql.append(" AND x.run_id = :run");
            p.addValue("run", f.runId());
        }
        if (f.sender() != null) {
            sql.append(" AND x.sender = :sender");
            p.addValue("sender", f.sender());
        }
        if (f.category() != null) {
            sql.append(" AND x.category = :category");
            p.addValue("category", f.category());
        }
        if (f.code() != null) {
            sql.append(" AND x.code = :code");
            p.addValue("code", f.code());
        }
        if (f.from() != null) {
            sql.append(" AND f.received_at >= :from");
            p.addValue("from", Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND f.received_at < :to");
            p.addValue("to", Timestamp.from(f.to()));
        }
        if (after != null) {
            sql.append(" AND (x.file_id, x.msg_index, x.seq) < (:f, :m, :s)");
            p.addValue("f", after.fileId()).addValue("m", after.msgIndex()).addValue("s", after.seq());
        }
        sql.append(" ORDER BY x.file_id DESC, x.msg_index DESC, x.seq DESC LIMIT :limit");
        return jdbc.query(sql.toString(), p, (rs, n) -> new ExceptionRow(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), (Integer) rs.getObject(13), instant(rs, 14)));
    }

    private static final String MESSAGE = "SELECT m.file_id, m.msg_index, f.run_id, f.original_name, f.received_at, "
            + "f.format, m.message_ref, m.message_type, m.status AS syntax_status, "
            + "COALESCE(d.sender, f.sender) AS sender, d.declaration_no, d.declaration_date, d.importer_code, "
            + "d.currency, d.status, d.acceptance_no, d.exchange_rate, d.customs_value_krw, d.duty_krw, d.vat_krw, "
            + "d.channel, d.score, d.rule_hits, d.kind "
            + "FROM message_result m JOIN inbound_file f ON f.id = m.file_id "
            + "LEFT JOIN declaration d ON d.file_id = m.file_id AND d.msg_index = m.msg_index ";

    private static Message message(ResultSet rs, int n) throws SQLException {
        return new Message(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), instant(rs, 5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getBigDecimal(19), rs.getBigDecimal(20),
                rs.getString(21), (Integer) rs.getObject(22), rs.getString(23), rs.getString(24));
    }

    public Optional<Message> message(long fileId, int msgIndex) {
        return jdbc.query(MESSAGE + "WHERE m.file_id = :file AND m.msg_index = :msg",
                new MapSqlParameterSource("file", fileId).addValue("msg", msgIndex), ConsoleRepository::message)
                .stream().findFirst();
    }

    /** Every message that carried this declaration number from this sender, oldest first. */
    public List<Message> versions(String sender, String declarationNo) {
        return jdbc.query(MESSAGE + "WHERE d.sender = :sender AND d.declaration_no = :no "
                        + "ORDER BY f.received_at, m.file_id, m.msg_index",
                new MapSqlParameterSource("sender", sender).addValue("no", declarationNo), ConsoleRepository::message);
    }

    public List<SyntaxError> syntaxErrors(long fileId, int msgIndex) {
        return jdbc.query("SELECT seq, code, segment_position, segment_tag, element_position, component_position, text "
                        + "FROM syntax_error WHERE file_id = :file AND msg_index = :msg ORDER BY seq",
                new MapSqlParameterSource("file", fileId).addValue("msg", msgIndex),
                (rs, n) -> new SyntaxError(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), rs.getString(7)));
    }

    public List<ContentError> contentErrors(long fileId, int msgIndex) {
        return jdbc.query("SELECT seq, code, pointer, text, line, col FROM declaration_error "
                        + "WHERE file_id = :file AND msg_index = :msg ORDER BY seq",
                new MapSqlParameterSource("file", fileId).addValue("msg", msgIndex),
                (rs, n) -> new ContentError(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6)));
    }

    /**
     * A declaration's ledger entries with their lines, in posting order: its original's entry and those of its
     * later versions (the sender's replacements and cancellations, the officers' reassessments and refusals).
     */
    public List<LedgerLine> declarationLedger(String sender, String declarationNo, String originalKey) {
        return jdbc.query("SELECT e.id, e.idempotency_key, e.entry_date, e.description, e.run_id, l.line_no, "
                        + "l.account_code, l.party_id, l.debit, l.credit FROM journal_entry e "
                        + "JOIN journal_line l ON l.entry_id = e.id WHERE e.idempotency_key IN (SELECT :key "
                        + "UNION ALL SELECT v.entry_key FROM declaration_version v WHERE v.sender = :sender "
                        + "AND v.declaration_no = :no UNION ALL SELECT v.reversal_key FROM declaration_version v "
                        + "WHERE v.sender = :sender AND v.declaration_no = :no) ORDER BY e.id, l.line_no",
                new MapSqlParameterSource("key", originalKey).addValue("sender", sender).addValue("no", declarationNo),
                (rs, n) -> new LedgerLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10)));
    }

    /** The answers written for a file (CONTRL, CUSRES, APERAK ...), with the file name only. */
    public List<Answer> answers(long fileId) {
        return jdbc.query("SELECT file_id, kind, recipient, path FROM answer WHERE file_id = :file ORDER BY kind",
                new MapSqlParameterSource("file", fileId), (rs, n) -> new Answer(rs.getLong(1), rs.getString(2),
                        rs.getString(3), java.nio.file.Path.of(rs.getString(4)).getFileName().toString()));
    }

    /** Where an answer was written, as the answer step recorded it. */
    public Optional<String> answerPath(long fileId, String kind) {
        return jdbc.queryForList("SELECT path FROM answer WHERE file_id = :file AND kind = :kind",
                new MapSqlParameterSource("file", fileId).addValue("kind", kind), String.class).stream().findFirst();
    }

    public boolean hsCodeKnown(String hsCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ref_tariff WHERE hs_code = :hs)",
                new MapSqlParameterSource("hs", hsCode), Boolean.class));
    }

    /** A run's job and its last execution, or empty when there is no such run. */
    public Optional<RunInfo> run(long runId) {
        return jdbc.query("SELECT i.job_instance_id, i.job_name, e.status, e.start_time, e.end_time "
                        + "FROM batch_job_instance i JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id "
                        + "WHERE i.job_instance_id = :run ORDER BY e.job_execution_id DESC LIMIT 1",
                new MapSqlParameterSource("run", runId), (rs, n) -> new RunInfo(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5))).stream().findFirst();
    }

    /** Accepted declarations of a run per channel. */
    public record ChannelCount(String channel, long count) {
    }

    public List<ChannelCount> channels(long runId) {
        return jdbc.query("SELECT d.channel, COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                        + "WHERE f.run_id = :run AND d.status = 'ACCEPTED' GROUP BY d.channel ORDER BY d.channel",
                new MapSqlParameterSource("run", runId), (rs, n) -> new ChannelCount(rs.getString(1), rs.getLong(2)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
