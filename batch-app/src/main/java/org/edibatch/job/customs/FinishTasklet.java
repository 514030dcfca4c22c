package org.edibatch.job.customs;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.intake.FileState;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.intake.InboundFiles;
import org.edibatch.intake.WorkFolder;
import org.edibatch.receivables.ReceivablesRepository;
import org.edibatch.report.HtmlRunReport;
import org.edibatch.report.ReportRepository;
import org.edibatch.report.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Ends the run: files accepted at envelope level go to archive/&lt;date&gt;/, files rejected whole go to
 * quarantine/&lt;date&gt;/ with a reason file beside them, each named by its inbound file id and a safe, bounded
 * form of its original name ({@link WorkFolder#keptName}); then the officers' report (HTML page and CSV) and the
 * ledger summary are written.
 * Each move is checked first, so a rerun after a crash halfway through finishes the job.
 */
public class FinishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(FinishTasklet.class);

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final InboundFileRepository inboundFiles;
    private final RunReport report;
    private final Clock clock;

    public FinishTasklet(EdiBatchProperties props, JdbcTemplate jdbc, RunReport report, Clock clock) {
        this.props = props;
        this.jdbc = jdbc;
        this.inboundFiles = new InboundFileRepository(jdbc);
        this.report = report;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        String day = LocalDate.now(clock).toString();
        List<InboundFileRepository.Unfinished> files = inboundFiles.unfinished(runId);
        List<InboundFileRepository.Final> moved = new java.util.ArrayList<>();
        for (InboundFileRepository.Unfinished f : files) {
            boolean rejected = f.state() == FileState.REJECTED;
            Path folder = (rejected ? props.quarantine() : props.archive()).resolve(day);
            String reason = rejected ? "file: " + InboundFiles.printable(f.name()) + "\nreason: " + f.reasonCode()
                    + "\n" + f.reasonText() + "\n" : null;
            Path target = WorkFolder.moveOutKeepingName(f, folder, reason);
            CrashPoints.reach("finish.file-moved");
            moved.add(new InboundFileRepository.Final(f.id(), rejected ? FileState.QUARANTINED : FileState.ARCHIVED,
                    target.toString()));
        }
        // the name files last, many at once: a crash before leaves them, and the rerun's moves are skipped
        WorkFolder.deleteNameFiles(files.stream().map(InboundFileRepository.Unfinished::workPath).toList());
        // One batch in this step's transaction: a crash before its commit leaves the rows CLAIMED, and the
        // restarted step finds the files already at their targets (the moves above are skipped, the paths the same).
        inboundFiles.finish(moved);
        Path reports = report.folder(props.reports(), runId);
        report.writeExceptions(reports.resolve("exceptions.csv"), runId);
        RunReport.LedgerSummary ledger = report.ledgerSummary(runId);
        ZonedDateTime now = ZonedDateTime.now(clock);
        // every declaration's receivable, summed once for both the proof and the page
        List<ReceivablesRepository.Group> receivables = new ReceivablesRepository(jdbc).groups(now.getZone());
        report.writeLedgerSummary(reports.resolve("ledger-summary.txt"), runId, ledger,
                new ReportRepository(jdbc).receivables(receivables));
        new HtmlRunReport(jdbc).write(reports.resolve("exceptions.html"), runId, now, ledger, receivables);
        CrashPoints.reach("finish.reports-written");
        Path work = props.work().resolve("run-" + runId);
        try (var left = Files.list(work)) {
            if (left.findAny().isEmpty()) {
                Files.delete(work);
            }
        } catch (java.nio.file.NoSuchFileException ignored) {
            // already cleaned by an earlier attempt
        }
        log.info("run {} finished: {} file(s) archived or quarantined, reports in {}", runId, files.size(), reports);
        return RepeatStatus.FINISHED;
    }
}
