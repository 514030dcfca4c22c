package org.edibatch.cli;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.db.LongStatements;
import org.edibatch.intake.FileSignatureCheck;
import org.edibatch.job.customs.CustomsJobConfig;
import org.edibatch.report.RunReport;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.FatalErrors;
import org.edibatch.run.RunLock;
import org.edibatch.run.RunRepository;
import org.edibatch.run.Runs;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.edibatch.job.customs.remote.LivePartitions;
import org.edibatch.job.customs.remote.RemoteWorkers;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Runs (or, after a failure, resumes) the customs job and maps its outcome to a documented exit code, for
 * {@code run customs}, {@code restart} and the nightly flow.
 */
@Component
public class CustomsRuns {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job customsJob;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final RunRepository runs;
    private final EdiBatchProperties props;
    private final Environment env;

    public CustomsRuns(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("customsJob") Job customsJob,
                       DataSource dataSource, JdbcTemplate jdbc, RunRepository runs, EdiBatchProperties props,
                       Environment env) {
        this.env = env;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.customsJob = customsJob;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.runs = runs;
        this.props = props;
    }

    /** Under the run lock: resumes the last unfinished run, or (unless {@code onlyResume}) starts a new one. */
    public int run(boolean onlyResume, PrintWriter out) throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            if (onlyResume && Runs.unfinished(jobRepository, CustomsJobConfig.JOB_NAME) == null) {
                out.println("no failed or interrupted run to resume");
                return ExitCodes.OK;
            }
            return runHoldingLock(out);
        }
    }

    /** The unfinished run's partitions still run on workers: nothing was done (exit 4, as for a held lock). */
    private static final class PartitionsStillRunning extends Exception {
    }

    /** For a caller that already holds the run lock (the nightly flow). */
    public int runHoldingLock(PrintWriter out) throws Exception {
        preflight();
        JobExecution execution;
        try {
            execution = launch(out);
        } catch (PartitionsStillRunning e) {
            return ExitCodes.LOCKED;
        }
        CrashPoints.reach("job.completed");
        return report(execution, out);
    }

    /**
     * The trust store the claim step will judge signatures by, built once before the run starts: a missing
     * folder or a corrupt anchor or CRL throws {@link org.edibatch.signature.TrustStoreException} while nothing
     * is claimed, answered or recorded, instead of every sender being refused as untrusted.
     */
    void preflight() throws IOException {
        FileSignatureCheck.trustStore(props.trust(), !Boolean.FALSE.equals(props.signature().required()));
    }

    private JobExecution launch(PrintWriter out) throws Exception {
        RemoteWorkers workers = RemoteWorkers.from(env);
        if (workers.remote() && !LivePartitions.awaitIdle(jobRepository, CustomsJobConfig.JOB_NAME, workers, out)) {
            throw new PartitionsStillRunning();
        }
        JobExecution resumed = Runs.resume(jobOperator, jobRepository, CustomsJobConfig.JOB_NAME, out);
        if (resumed != null) {
            return resumed;
        }
        // The key only makes the instance unique; business time comes from the Clock bean.
        return jobOperator.start(customsJob, new JobParametersBuilder()
                .addString("run.key", Instant.now().toString()).toJobParameters());
    }

    private int report(JobExecution execution, PrintWriter out) throws Exception {
        long runId = execution.getJobInstance().getInstanceId();
        // an Error a step recorded as its failure: the JVM is not fit to go on (closing the context included)
        execution.getAllFailureExceptions().forEach(FatalErrors::haltIfFatal);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("run " + runId + " " + execution.getStatus() + ": " + failure(execution));
            out.println("run the same command again to resume it");
            return ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        Path reports = new RunReport(jdbc).folder(props.reports(), runId).toAbsolutePath();
        // one statement over the whole night's rows: seconds on a night of a million declarations
        RunRepository.CustomsCounts counts = LongStatements.run(() -> runs.customsCounts(runId));
        out.println(closingLine(runId, counts));
        out.println("answers:          " + props.outbox().toAbsolutePath() + "/<sender>/");
        out.println("officers' report: " + reports.resolve("exceptions.html"));
        out.println("exception file:   " + reports.resolve("exceptions.csv"));
        out.println("ledger summary:   " + reports.resolve("ledger-summary.txt"));
        out.println("archived files:   " + props.archive().toAbsolutePath());
        out.println("quarantined files: " + props.quarantine().toAbsolutePath());
        try {
            out.print(Files.readString(reports.resolve("ledger-summary.txt")));
        } catch (Exception e) {
            out.println("(ledger summary not readable: " + e + ")");
        }
        out.flush();
        if (LedgerChecked.differences(jdbc, runId, out) > 0) {
            return ExitCodes.LEDGER_DIFFERS;
        }
        return counts.anyRefusal() ? ExitCodes.DONE_WITH_REJECTIONS : ExitCodes.OK;
    }

    /**
     * What failed, in one line: the step and the innermost cause (a full disk names its file), not the partitioned
     * step's summary that one of its workers failed.
     */
    static String failure(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            for (Throwable t : step.getFailureExceptions()) {
                if (!(t instanceof JobExecutionException)) {
                    Throwable root = t;
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    return "step " + step.getStepName() + ": " + root;
                }
            }
        }
        return execution.getAllFailureExceptions().stream().map(Throwable::toString).findFirst().orElse("");
    }

    /**
     * The run's closing line: every file claimed and every message read is accounted for, the messages of
     * the files refused whole included (read = accepted + rejected + refused), and it says whether that total is
     * what the claim counted in the run's interchanges and batches (a difference also means exit 2).
     */
    static String closingLine(long runId, RunRepository.CustomsCounts c) {
        return "run " + runId + " completed: " + c.files() + " file(s) claimed, " + c.refusedFiles()
                + " refused whole; " + c.messages() + " message(s) read = " + c.accepted() + " accepted + "
                + c.rejected() + " rejected + " + c.refused() + " refused; " + c.exceptionLines()
                + " line(s) in the exception file (" + c.selectivityLines() + " selected for review)"
                + (c.amendmentLines() == 0 ? "" : "; " + c.amendmentLines() + " declaration(s) replaced or cancelled")
                + (c.addsUp() ? "; every message accounted for"
                : "; COUNTS DO NOT ADD UP: the claim counted " + c.counted() + " message(s)");
    }
}
