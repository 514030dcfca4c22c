package org.edibatch.cli;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.db.LongStatements;
import org.edibatch.report.HtmlRunReport;
import org.edibatch.report.RunReport;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Rewrites a run's reports. A run that does not exist is a usage error, not a set of empty reports. */
@Command(name = "report", description = "rewrite the reports of a run (default: the last) and print where they are")
public class ReportCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "the run's number, as status lists it")
    Long run;

    public ReportCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunRepository runs = spring.bean(RunRepository.class);
        Optional<Long> runId = run != null ? Optional.of(run) : runs.lastRunWithFiles();
        if (runId.isEmpty()) {
            out.println("no run yet");
            return ExitCodes.OK;
        }
        if (!runs.exists(runId.get())) {
            throw new ParameterException(spec.commandLine(), "no run " + runId.get());
        }
        LongStatements.run(() -> {
            write(runId.get(), out);
            return null;
        });
        return ExitCodes.OK;
    }

    private void write(long runId, PrintWriter out) throws Exception {
        JdbcTemplate jdbc = spring.bean(JdbcTemplate.class);
        RunReport reports = new RunReport(jdbc);
        Path folder = reports.folder(spring.bean(EdiBatchProperties.class).reports(), runId);
        reports.writeExceptions(folder.resolve("exceptions.csv"), runId);
        RunReport.LedgerSummary ledger = reports.ledgerSummary(runId);
        reports.writeLedgerSummary(folder.resolve("ledger-summary.txt"), runId, ledger);
        new HtmlRunReport(jdbc).write(folder.resolve("exceptions.html"), runId,
                ZonedDateTime.now(spring.bean(Clock.class)), ledger);
        out.println("reports of run " + runId + " written to " + folder.toAbsolutePath());
    }
}
