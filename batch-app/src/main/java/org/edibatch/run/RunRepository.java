package org.edibatch.run;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** What the command line reads about runs: the last ones with their counts, and one run's outcome. */
@Repository
public class RunRepository {

    /** A run as {@code status} lists it; a run's id is its Spring Batch job instance id. */
    public record RunSummary(long run, String status, LocalDateTime started, LocalDateTime ended,
                             long files, long accepted, long rejections) {
    }

    /** The counts a completed customs run is reported with. */
    public record CustomsCounts(long files, long accepted, long rejectedDeclarations, long rejectionLines) {
    }

    private final JdbcTemplate jdbc;

    public RunRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.queryForObject("SELECT "
                + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = ?) AS files, "
                + "(SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND d.status = 'ACCEPTED') AS accepted, "
                + "(SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND d.status = 'REJECTED') AS rejected, "
                + "(SELECT COUNT(*) FROM exception_item WHERE run_id = ? "
                + "AND category IN ('FILE','SYNTAX','CONTENT')) AS lines",
                (rs, n) -> new CustomsCounts(rs.getLong("files"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("lines")), run, run, run, run);
    }

    /** Every line of the run's exception file (selectivity notes included), as procurement runs report it. */
    public long exceptionItems(long run) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM exception_item WHERE run_id = ?", Long.class, run);
        return n == null ? 0 : n;
    }
}
