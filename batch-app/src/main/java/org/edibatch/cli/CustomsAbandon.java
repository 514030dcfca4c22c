package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.intake.AbandonedFiles;
import org.edibatch.job.customs.CustomsJobConfig;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.run.Runs;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code restart --abandon}: gives up the failed or interrupted customs run for a fresh night. Its files are
 * dealt with first ({@link AbandonedFiles}: never registered, back to the inbox; registered, quarantined with a
 * reason), then the run is marked ABANDONED; a crash in between leaves it failed, and the same command finishes it.
 */
@Component
public class CustomsAbandon {

    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EdiBatchProperties props;
    private final Clock clock;

    public CustomsAbandon(JobRepository jobRepository, DataSource dataSource, JdbcTemplate jdbc,
                          EdiBatchProperties props, Clock clock) {
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
    }

    public int abandon(PrintWriter out) throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            JobExecution unfinished = Runs.unfinished(jobRepository, CustomsJobConfig.JOB_NAME);
            if (unfinished == null) {
                out.println("no failed or interrupted run to abandon");
                return ExitCodes.OK;
            }
            long run = unfinished.getJobInstance().getInstanceId();
            AbandonedFiles.Outcome files = new AbandonedFiles(jdbc).abandon(run, props.work().resolve("run-" + run),
                    props.inbox(), props.quarantine().resolve(LocalDate.now(clock).toString()));
            Runs.abandon(jobRepository, CustomsJobConfig.JOB_NAME);
            out.println("run " + run + " abandoned: " + files.returned().size() + " file(s) never registered returned"
                    + " to " + props.inbox().toAbsolutePath() + ", " + files.quarantined().size()
                    + " registered file(s) quarantined with a reason"
                    + (files.quarantined().isEmpty() ? "" : " in " + files.quarantined().get(0).getParent()
                    .toAbsolutePath()));
            out.println("the next run customs or run nightly starts a new run");
            return ExitCodes.OK;
        }
    }
}
