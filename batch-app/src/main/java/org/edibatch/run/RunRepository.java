package org.edibatch.run;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the command line reads about runs: the last ones with their counts, and one run's outcome. */
@Repository
public class RunRepository {

    /** A run as {@code status} lists it; a run's id is its Spring Batch job instance id. */
    public record RunSummary(long run, String status, LocalDateTime started, LocalDateTime ended,
                             long files, long accepted, long rejections) {
    }

    /**
     * The counts a completed customs run is reported with, all read from the database so that a resumed run
     * reports what an uninterrupted one would. Every message read is accepted, rejected (its syntax, its type
     * or its declaration) or refused (it came in an interchange or batch refused whole: signature, envelope,
     * duplicate; or after the point where the customs step could not read its interchange further), so the three
     * add up to {@code messages}, which {@link #addsUp()} also compares with the claim's count. A file that is not EDIFACT or XML at all holds no
     * message anyone could count: it is counted among the refused files only.
     */
    public record CustomsCounts(long files, long refusedFiles, long messages, long accepted, long rejected,
                                long refused, long exceptionLines, long selectivityLines, long amendmentLines,
                                long counted) {

        public CustomsCounts(long files, long refusedFiles, long messages, long accepted, long rejected, long refused,
                             long exceptionLines, long selectivityLines) {
            this(files, refusedFiles, messages, accepted, rejected, refused, exceptionLines, selectivityLines, 0);
        }

        public CustomsCounts(long files, long refusedFiles, long messages, long accepted, long rejected, long refused,
                             long exceptionLines, long selectivityLines, long amendmentLines) {
            this(files, refusedFiles, messages, accepted, rejected, refused, exceptionLines, selectivityLines,
                    amendmentLines, messages);
        }

        /**
         * Whether every message is accounted for: the messages read are the accepted, rejected and refused ones, and
         * as many as the claim counted in the run's interchanges and batches ({@code counted}).
         */
        public boolean addsUp() {
            return messages == accepted + rejected + refused && messages == counted;
        }

        /**
         * Whether anything was refused or rejected: the night must say so (exit 2). Selections and accepted
         * amendments are lines of the report, not refusals.
         */
        public boolean anyRefusal() {
            return refusedFiles > 0 || rejected > 0 || refused > 0
                    || exceptionLines > selectivityLines + amendmentLines || !addsUp();
        }
    }

    /** The counts a completed procurement run is reported with. */
    public record ProcurementCounts(long files, long refusedFiles, long exceptionLines) {

        public boolean anyRefusal() {
            return refusedFiles > 0 || exceptionLines > 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public RunRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The last runs, newest first, each with the status of its last execution. */
    public List<RunSummary> lastRuns(int limit) {
        return jdbc.query("SELECT i.job_instance_id AS run, e.status, e.start_time, e.end_time, "
                + "(SELECT COUNT(*) FROM inbound_file f WHERE f.run_id = i.job_instance_id) AS files, "
                + "(SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = i.job_instance_id AND d.status = 'ACCEPTED') AS accepted, "
                + "(SELECT COUNT(*) FROM exception_item x WHERE x.run_id = i.job_instance_id "
                + "AND x.category <> 'SELECTIVITY') AS rejections "
                + "FROM batch_job_instance i JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id "
                + "WHERE e.job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution x "
                + "WHERE x.job_instance_id = i.job_instance_id) ORDER BY i.job_instance_id DESC LIMIT ?",
                (rs, n) -> new RunSummary(rs.getLong("run"), rs.getString("status"), time(rs.getTimestamp("start_time")),
                        time(rs.getTimestamp("end_time")), rs.getLong("files"), rs.getLong("accepted"),
                        rs.getLong("rejections")), limit);
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    /** The last run that claimed files, if any. */
    public Optional<Long> lastRunWithFiles() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(run_id) FROM inbound_file", Long.class));
    }

    public boolean exists(long run) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM batch_job_instance WHERE job_instance_id = ?)", Boolean.class, run));
    }

    public CustomsCounts customsCounts(long run) {
        // A message is accepted when its syntax and its declaration (if it is one: a CONTRL is not) are;
        // rejected when either is not; refused when its interchange was, as the envelope check counted them, or
        // when it came after the point where the customs step could not read its interchange further (u: the
        // claim's count beyond the messages read; indexes are dense, so the highest one says how many were read).
        return named.queryForObject("SELECT "
                + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = :run) AS files, "
                + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = :run "
                + "AND state IN ('REJECTED','QUARANTINED')) AS refused_files, "
                + "m.messages + x.refused + u.unread AS messages, m.accepted, m.rejected, x.refused + u.unread "
                + "AS refused, (SELECT COALESCE(SUM(i.message_count), 0) FROM interchange i JOIN inbound_file f "
                + "ON f.id = i.file_id WHERE f.run_id = :run) AS counted, "
                + "(SELECT COUNT(*) FROM exception_item WHERE run_id = :run) AS lines, "
                + "(SELECT COUNT(*) FROM exception_item WHERE run_id = :run AND category = 'SELECTIVITY') AS selected, "
                + "(SELECT COUNT(*) FROM exception_item WHERE run_id = :run AND category = 'AMENDMENT') AS amended "
                + "FROM (SELECT COUNT(*) AS messages, "
                + "COUNT(*) FILTER (WHERE r.status = 'ACCEPTED' AND (d.status IS NULL OR d.status = 'ACCEPTED')) "
                + "AS accepted, "
                + "COUNT(*) FILTER (WHERE r.status = 'REJECTED' OR d.status = 'REJECTED') AS rejected "
                + "FROM message_result r JOIN inbound_file f ON f.id = r.file_id "
                + "LEFT JOIN declaration d ON d.file_id = r.file_id AND d.msg_index = r.msg_index "
                + "WHERE f.run_id = :run) m, "
                + "(SELECT COALESCE(SUM(i.message_count), 0) AS refused FROM interchange i "
                + "JOIN inbound_file f ON f.id = i.file_id WHERE f.run_id = :run "
                + "AND f.state IN ('REJECTED','QUARANTINED')) x, "
                + "(SELECT COALESCE(SUM(GREATEST(i.message_count - COALESCE((SELECT MAX(r.msg_index) + 1 "
                + "FROM message_result r WHERE r.file_id = f.id), 0), 0)), 0) AS unread FROM interchange i "
                + "JOIN inbound_file f ON f.id = i.file_id WHERE f.run_id = :run "
                + "AND f.state NOT IN ('REJECTED','QUARANTINED')) u",
                Map.of("run", run), (rs, n) -> new CustomsCounts(rs.getLong("files"), rs.getLong("refused_files"),
                        rs.getLong("messages"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("refused"), rs.getLong("lines"), rs.getLong("selected"), rs.getLong("amended"),
                        rs.getLong("counted")));
    }

    public ProcurementCounts procurementCounts(long run) {
        return named.queryForObject("SELECT "
                + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = :run) AS files, "
                + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = :run "
                + "AND state IN ('REJECTED','QUARANTINED')) AS refused, "
                + "(SELECT COUNT(*) FROM exception_item WHERE run_id = :run) AS lines",
                Map.of("run", run), (rs, n) -> new ProcurementCounts(rs.getLong("files"), rs.getLong("refused"),
                        rs.getLong("lines")));
    }
}
