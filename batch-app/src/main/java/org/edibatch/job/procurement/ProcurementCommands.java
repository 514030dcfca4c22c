package org.edibatch.job.procurement;

import org.edibatch.cli.ExitCodes;
import org.edibatch.cli.RunLock;
import org.edibatch.cli.Runs;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * The procurement commands for the CLI. Under the shared run lock; a failed or interrupted run of the same
 * job is resumed rather than started anew. Exit codes: 0 all accepted, 2 something was refused or is in the
 * exception file, 3 failed (run again to resume), 4 another run holds the lock, 64 not a procurement command.
 */
public final class ProcurementCommands {

    public static final String USAGE = String.join("\n",
            "  run bid-intake                    load tender notices and bids, verify, store sealed, answer receipts",
            "  run bid-opening [TENDER]          open every due tender (or reopen TENDER): draw, reserve price, award, notices");

    private ProcurementCommands() {
    }

    public static boolean handles(List<String> words) {
        return words.size() >= 2 && words.get(0).equals("run")
                && (words.get(1).equals("bid-intake") || words.get(1).equals("bid-opening"));
    }

    public static int run(List<String> words, ApplicationContext ctx) throws Exception {
        return run(words, ctx, System.out);
    }

    static int run(List<String> words, ApplicationContext ctx, PrintStream out) throws Exception {
        boolean intake = words.equals(List.of("run", "bid-intake"));
        boolean opening = words.size() <= 3 && words.size() >= 2 && words.subList(0, 2).equals(List.of("run", "bid-opening"));
        if (!intake && !opening) {
            out.println(USAGE);
            return ExitCodes.USAGE;
        }
        try (RunLock lock = RunLock.tryAcquire(ctx.getBean(DataSource.class))) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            return runHoldingLock(words, ctx, out);
        }
    }

    /** For a caller that already holds the run lock (the nightly flow). */
    public static int runHoldingLock(List<String> words, ApplicationContext ctx, PrintStream out) throws Exception {
        boolean intake = words.equals(List.of("run", "bid-intake"));
        String now = ctx.getBean(Clock.class).instant().toString();
        JobParametersBuilder params = new JobParametersBuilder();
        if (intake) {
            params.addString("intake.at", now);
        } else {
            params.addString("opening.at", now);
            if (words.size() == 3) {
                params.addString("tender.id", words.get(2));
            }
        }
        String name = intake ? ProcurementJobConfig.INTAKE_JOB : ProcurementJobConfig.OPENING_JOB;
        JobExecution execution = launch(ctx, name, params.toJobParameters(), out);
        return report(ctx, execution, out);
    }

    private static JobExecution launch(ApplicationContext ctx, String name, JobParameters params, PrintStream out)
            throws Exception {
        JobOperator operator = ctx.getBean(JobOperator.class);
        JobRepository repository = ctx.getBean(JobRepository.class);
        JobExecution resumed = Runs.resume(operator, repository, name, out);
        if (resumed != null) {
            return resumed;
        }
        if (repository.getJobInstance(name, params) != null) {
            out.println("run with " + params + " already completed; nothing to do");
            return repository.getLastJobExecution(repository.getJobInstance(name, params));
        }
        return operator.start(ctx.getBean(ProcurementJobs.class).byName(name), params);
    }

    private static int report(ApplicationContext ctx, JobExecution execution, PrintStream out) {
        long runId = execution.getJobInstance().getInstanceId();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.println("run " + runId + " " + execution.getStatus() + "; run the same command again to resume it");
            return ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Integer exceptions = jdbc.queryForObject("SELECT COUNT(*) FROM exception_item WHERE run_id = ?", Integer.class, runId);
        out.println("run " + runId + " completed: " + exceptions + " line(s) in the exception file");
        return exceptions != null && exceptions > 0 ? ExitCodes.DONE_WITH_REJECTIONS : ExitCodes.OK;
    }
}
