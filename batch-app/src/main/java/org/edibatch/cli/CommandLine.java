package org.edibatch.cli;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.job.customs.CustomsJobConfig;
import org.edibatch.job.procurement.ProcurementCommands;
import org.edibatch.job.procurement.ProcurementProperties;
import org.edibatch.report.HtmlRunReport;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
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
            "  run nightly                       the nightly flow: customs (then procurement when configured), reports",
            "  run customs                       claim the inbox and run the customs job; resumes the last run if it failed",
            "  restart                           resume the last failed or interrupted run (run customs does this too)",
            "  status                            the last runs, their outcome and counts, and whether a run holds the lock",
            "  report [RUN]                      rewrite the reports of a run (default: the last) and print where they are",
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
            "procurement:",
            ProcurementCommands.USAGE,
            "exit codes: 0 all accepted, 2 done with rejections, 3 failed (run again to resume), 4 another run holds the lock, 64 usage");

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job customsJob;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EdiBatchProperties props;
    private final Clock clock;
    private final ApplicationContext context;
    private final PrintStream out = System.out;
    private int exitCode = ExitCodes.OK;

    public CommandLine(JobOperator jobOperator, JobRepository jobRepository,
                       @Qualifier("customsJob") Job customsJob, DataSource dataSource, JdbcTemplate jdbc,
                       EdiBatchProperties props, Clock clock, ApplicationContext context) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.customsJob = customsJob;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public void run(String... args) throws Exception {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        if (words.equals(List.of("run", "nightly"))) {
            exitCode = nightly();
        } else if (ProcurementCommands.handles(words)) {
            exitCode = ProcurementCommands.run(words, context);
        } else if (words.equals(List.of("run", "customs")) || words.equals(List.of("restart"))) {
            exitCode = runCustoms(words.get(0).equals("restart"));
        } else if (words.equals(List.of("status"))) {
            exitCode = status();
        } else if (words.size() <= 2 && !words.isEmpty() && words.get(0).equals("report")) {
            exitCode = report(words.size() == 2 ? Long.parseLong(words.get(1)) : null);
        } else if (words.isEmpty()) {
            return; // the context was started to be used by code (tests, embedding), not from a shell
        } else {
            out.println("unknown command: " + String.join(" ", words));
            out.println(USAGE);
            exitCode = ExitCodes.USAGE;
        }
    }

    private int runCustoms(boolean onlyResume) throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            if (onlyResume && Runs.unfinished(jobRepository, CustomsJobConfig.JOB_NAME) == null) {
                out.println("no failed or interrupted run to resume");
                return ExitCodes.OK;
            }
            JobExecution execution = launch();
            CrashPoints.reach("job.completed");
            return report(execution);
        }
    }

    /**
     * The nightly flow under one lock: customs, then bid intake and the opening of due tenders when
     * procurement is configured (an agency keystore is set). The exit code is the worst of the parts.
     */
    private int nightly() throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            JobExecution customs = launch();
            CrashPoints.reach("job.completed");
            int code = report(customs);
            if (code == ExitCodes.FAILED_RERUN_TO_RESUME) {
                return code;
            }
            if (context.getBean(ProcurementProperties.class).agencyKeystore() == null) {
                out.println("procurement: no agency keystore configured (edibatch.procurement.agency-keystore); skipped");
                return code;
            }
            for (List<String> step : List.of(List.of("run", "bid-intake"), List.of("run", "bid-opening"))) {
                int c = ProcurementCommands.runHoldingLock(step, context, out);
                code = worst(code, c);
                if (c == ExitCodes.FAILED_RERUN_TO_RESUME) {
                    break;
                }
            }
            return code;
        }
    }

    private static int worst(int a, int b) {
        if (a == ExitCodes.FAILED_RERUN_TO_RESUME || b == ExitCodes.FAILED_RERUN_TO_RESUME) {
            return ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        return Math.max(a, b);
    }

    private int status() throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            out.println(lock == null ? "a run is in progress (the run lock is held)" : "no run in progress");
        }
        var runs = jdbc.queryForList("SELECT i.job_instance_id AS run, e.status, e.start_time, e.end_time, "
                + "(SELECT COUNT(*) FROM inbound_file f WHERE f.run_id = i.job_instance_id) AS files, "
                + "(SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.run_id = i.job_instance_id AND d.status = 'ACCEPTED') AS accepted, "
                + "(SELECT COUNT(*) FROM exception_item x WHERE x.run_id = i.job_instance_id "
                + "AND x.category <> 'SELECTIVITY') AS rejections "
                + "FROM batch_job_instance i JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id "
                + "WHERE e.job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution x "
                + "WHERE x.job_instance_id = i.job_instance_id) ORDER BY i.job_instance_id DESC LIMIT 10");
        String format = "%-6s %-10s %-20s %-20s %6s %9s %11s";
        out.println(String.format(format, "run", "status", "started", "ended", "files", "accepted", "rejections"));
        for (var r : runs) {
            out.println(String.format(format, r.get("run"), r.get("status"), abbreviate(r.get("start_time")),
                    abbreviate(r.get("end_time")), r.get("files"), r.get("accepted"), r.get("rejections")));
        }
        return ExitCodes.OK;
    }

    private static String abbreviate(Object time) {
        if (time == null) {
            return "-";
        }
        String t = time.toString();
        return t.length() > 19 ? t.substring(0, 19) : t;
    }

    private int report(Long run) throws Exception {
        Long runId = run != null ? run : jdbc.queryForObject("SELECT MAX(run_id) FROM inbound_file", Long.class);
        if (runId == null) {
            out.println("no run yet");
            return ExitCodes.OK;
        }
        RunReport reports = new RunReport(jdbc);
        Path folder = reports.folder(props.reports(), runId);
        reports.writeExceptions(folder.resolve("exceptions.csv"), runId);
        RunReport.LedgerSummary ledger = reports.ledgerSummary(runId);
        reports.writeLedgerSummary(folder.resolve("ledger-summary.txt"), runId, ledger);
        new HtmlRunReport(jdbc).write(folder.resolve("exceptions.html"), runId, ZonedDateTime.now(clock), ledger);
        out.println("reports of run " + runId + " written to " + folder.toAbsolutePath());
        return ExitCodes.OK;
    }

    private JobExecution launch() throws Exception {
        JobExecution resumed = Runs.resume(jobOperator, jobRepository, CustomsJobConfig.JOB_NAME, out);
        if (resumed != null) {
            return resumed;
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
