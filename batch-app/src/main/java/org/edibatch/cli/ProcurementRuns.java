package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.intake.FileSignatureCheck;
import org.edibatch.job.procurement.ProcurementJobConfig;
import org.edibatch.job.procurement.ProcurementJobs;
import org.edibatch.job.procurement.ProcurementProperties;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.run.RunRepository;
import org.edibatch.run.Runs;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Runs bid intake or bid opening under the shared run lock; a failed or interrupted run of the same job is
 * resumed rather than started anew. Exit codes: 0 all accepted, 2 something was refused or is in the
 * exception file, 3 failed (run again to resume), 4 another run holds the lock, 5 the seal's ledger check found
 * differences.
 */
@Component
public class ProcurementRuns {

    private final JobOperator operator;
    private final JobRepository repository;
    private final ProcurementJobs jobs;
    private final ProcurementProperties properties;
    private final DataSource dataSource;
    private final RunRepository runs;
    private final Clock clock;
    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;

    public ProcurementRuns(JobOperator operator, JobRepository repository, ProcurementJobs jobs,
                           ProcurementProperties properties, DataSource dataSource, RunRepository runs, Clock clock,
                           EdiBatchProperties props, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.operator = operator;
        this.repository = repository;
        this.jobs = jobs;
        this.properties = properties;
        this.dataSource = dataSource;
        this.runs = runs;
        this.clock = clock;
        this.props = props;
    }

    /**
     * The trust store bids and notices are judged by (always required for procurement), built before any run
     * starts: a missing folder or a corrupt anchor or CRL throws {@link org.edibatch.signature.TrustStoreException}
     * while nothing is claimed, answered or recorded in the job repository.
     */
    public void preflight() throws IOException {
        FileSignatureCheck.trustStore(props.trust(), true);
    }

    /** Whether the nightly flow includes procurement: an agency keystore is configured. */
    public boolean configured() {
        return properties.agencyKeystore() != null;
    }

    public int intake(PrintWriter out) throws Exception {
        return underLock(out, () -> intakeHoldingLock(out));
    }

    /** Opens every due tender, or reopens {@code tender} when it is not null. */
    public int opening(String tender, PrintWriter out) throws Exception {
        return underLock(out, () -> openingHoldingLock(tender, out));
    }

    /** For a caller that already holds the run lock (the nightly flow). */
    public int intakeHoldingLock(PrintWriter out) throws Exception {
        preflight();
        JobParameters params = new JobParametersBuilder().addString("intake.at", clock.instant().toString())
                .toJobParameters();
        return report(launch(ProcurementJobConfig.INTAKE_JOB, params, out), out);
    }

    /** For a caller that already holds the run lock (the nightly flow). */
    public int openingHoldingLock(String tender, PrintWriter out) throws Exception {
        preflight();
        JobParametersBuilder params = new JobParametersBuilder().addString("opening.at", clock.instant().toString());
        if (tender != null) {
            params.addString("tender.id", tender);
        }
        return report(launch(ProcurementJobConfig.OPENING_JOB, params.toJobParameters(), out), out);
    }

    private interface Step {
        int run() throws Exception;
    }

    private int underLock(PrintWriter out, Step step) throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            return step.run();
        }
    }

    private JobExecution launch(String name, JobParameters params, PrintWriter out) throws Exception {
        JobExecution resumed = Runs.resume(operator, repository, name, out);
        if (resumed != null) {
            return resumed;
        }
        if (repository.getJobInstance(name, params) != null) {
            out.println("run with " + params + " already completed; nothing to do");
            return repository.getLastJobExecution(repository.getJobInstance(name, params));
        }
        return operator.start(jobs.byName(name), params);
    }

    private int report(JobExecution execution, PrintWriter out) {
        long runId = execution.getJobInstance().getInstanceId();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("run " + runId + " " + execution.getStatus() + "; run the same command again to resume it");
            return ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        RunRepository.ProcurementCounts counts = runs.procurementCounts(runId);
        out.println("run " + runId + " completed: " + counts.exceptionLines() + " line(s) in the exception file; "
                + counts.files() + " file(s) claimed, " + counts.refusedFiles() + " refused whole");
        if (LedgerChecked.differences(jdbc, runId, out) > 0) {
            return ExitCodes.LEDGER_DIFFERS;
        }
        return counts.anyRefusal() ? ExitCodes.DONE_WITH_REJECTIONS : ExitCodes.OK;
    }
}
