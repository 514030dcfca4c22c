package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.job.customs.CustomsJobConfig;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The command line: {@code run customs} runs (or, after a failure, resumes) the customs job under the run lock
 * and maps the outcome to a documented exit code.
 */
@Component
public class CommandLine implements CommandLineRunner, ExitCodeGenerator {

    public static final String USAGE = String.join("\n",
            "usage: edibatch <command> [--option=value ...]",
            "commands:",
            "  run customs                       claim the inbox and run the customs job; resumes the last run if it failed",
            "  pki init DIR [--now=ISO]           create a demo PKI (root, issuing CA, CRLs, a key per registered party)",
            "  sign P12 PASSWORD FILE [--attached] write FILE.p7s (detached CMS) or FILE.p7m (attached)",
            "  sign-samples PKI SRC DEST          copy SRC's files to DEST, signed by their UNB sender's demo key",
            "  help                              this text",
            "options (any Spring property, e.g.):",
            "  --edibatch.home=DIR           base folder (inbox/, outbox/, archive/, quarantine/, reports/); default ./var",
            "  --edibatch.inbox=DIR          inbox folder; default HOME/inbox",
            "  --spring.datasource.url=URL   PostgreSQL JDBC URL; default: embedded PostgreSQL in HOME/pgdata",
            "  --edibatch.trust.anchors=DIR  trusted CA certificates; default HOME/pki/trust",
            "  --edibatch.trust.crls=DIR     CRL files; default HOME/pki/crl",
            "  --edibatch.signature.required=false   accept unsigned files (default: every file must be signed)",
            "exit codes: 0 all accepted, 2 done with rejections, 3 failed (run again to resume), 4 another run holds the lock, 64 usage");

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job customsJob;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EdiBatchProperties props;
    private final PrintStream out = System.out;
    private int exitCode = ExitCodes.OK;

    public CommandLine(JobOperator jobOperator, JobRepository jobRepository,
                       @Qualifier("customsJob") Job customsJob, DataSource dataSource, JdbcTemplate jdbc,
                       EdiBatchProperties props) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.customsJob = customsJob;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.props = props;
    }

    @Override
    public void run(String... args) throws Exception {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        if (words.equals(List.of("run", "customs"))) {
            exitCode = runCustoms();
        } else if (words.isEmpty()) {
            return; // the context was started to be used by code (tests, embedding), not from a shell
        } else {
            out.println("unknown command: " + String.join(" ", words));
            out.println(USAGE);
            exitCode = ExitCodes.USAGE;
        }
    }

    private int runCustoms() throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            JobExecution execution = launch();
            return report(execution);
        }
    }

    private JobExecution launch() throws Exception {
        JobInstance last = jobRepository.getLastJobInstance(CustomsJobConfig.JOB_NAME);
        JobExecution lastExecution = last == null ? null : jobRepository.getLastJobExecution(last);
        if (lastExecution != null && lastExecution.getStatus().isRunning()) {
            // We hold the run lock, so nobody runs it: the process that did died (kill -9, power loss).
            out.println("run " + last.getInstanceId() + " was interrupted; marking it failed to resume it");
            lastExecution = jobOperator.recover(lastExecution);
        }
        if (lastExecution != null && (lastExecution.getStatus() == BatchStatus.FAILED
                || lastExecution.getStatus() == BatchStatus.STOPPED)) {
            out.println("resuming run " + last.getInstanceId());
            return jobOperator.restart(lastExecution);
        }
        // The key only makes the instance unique; business time comes from the Clock bean.
        return jobOperator.start(customsJob, new JobParametersBuilder()
                .addString("run.key", Instant.now().toString()).toJobParameters());
    }

    private int report(JobExecution execution) {
        long runId = execution.getJobInstance().getInstanceId();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("run " + runId + " " + execution.getStatus() + ": "
                    + execution.getAllFailureExceptions().stream().map(Throwable::toString).findFirst().orElse(""));
            out.println("run the same command again to resume it");
            return ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        Path reports = new RunReport(jdbc).folder(props.reports(), runId).toAbsolutePath();
        Integer files = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_file WHERE run_id = ?", Integer.class, runId);
        Integer accepted = jdbc.queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND d.status = 'ACCEPTED'", Integer.class, runId);
        Integer rejectedDecl = jdbc.queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = ? AND d.status = 'REJECTED'", Integer.class, runId);
        Integer rejectedItems = jdbc.queryForObject("SELECT COUNT(*) FROM exception_item WHERE run_id = ? "
                + "AND category IN ('FILE','SYNTAX','CONTENT')", Integer.class, runId);
        out.println("run " + runId + " completed: " + files + " file(s), " + accepted + " declaration(s) accepted, "
                + rejectedDecl + " rejected on content, " + rejectedItems + " rejection line(s) in total");
        out.println("answers:          " + props.outbox().toAbsolutePath() + "/<sender>/");
        out.println("officers' report: " + reports.resolve("exceptions.html"));
        out.println("exception file:   " + reports.resolve("exceptions.csv"));
        out.println("ledger summary:   " + reports.resolve("ledger-summary.txt"));
        out.println("archived files:   " + props.archive().toAbsolutePath());
        out.println("quarantined files:" + props.quarantine().toAbsolutePath());
        try {
            out.print(Files.readString(reports.resolve("ledger-summary.txt")));
        } catch (Exception e) {
            out.println("(ledger summary not readable: " + e + ")");
        }
        return rejectedItems != null && rejectedItems > 0 ? ExitCodes.DONE_WITH_REJECTIONS : ExitCodes.OK;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
