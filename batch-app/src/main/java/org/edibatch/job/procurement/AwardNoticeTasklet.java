package org.edibatch.job.procurement;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.procurement.AwardNoticeEdifact;
import org.edibatch.procurement.AwardNoticeXml;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.RetenderNotice;
import org.edibatch.procurement.TenderRepository;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

/**
 * Writes the award notice of every tender opened by this run to every bidder whose bid was received (refused
 * bids were answered at intake), from what the opening committed: outbox/&lt;bidder&gt;/AWARD_&lt;tender&gt;.xml, or
 * AWARD_&lt;tender&gt;.edi (APERAK) to a bidder who bid in EDIFACT; for a failed tender also the unsigned re-tender
 * notice, outbox/&lt;agency&gt;/RETENDER_&lt;new id&gt;.xml; then the run's exception file. File names hold only
 * bounded values of our own records (tender ids of tender.xsd, registered vendor and agency ids), made safe.
 * Same inputs give the same bytes, so a rerun replaces files with themselves.
 */
public class AwardNoticeTasklet implements Tasklet {

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final TenderRepository tenders;
    private final BidRepository bids;

    private final ProcurementProperties procurement;

    public AwardNoticeTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
        this.tenders = new TenderRepository(jdbc);
        this.bids = new BidRepository(jdbc);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        // from what the opening committed, not from the job's context: a run killed between the opening's commit
        // and the saving of that context still tells every bidder when it is resumed
        String reopened = jobExecution.getJobParameters().getString("tender.id");
        for (String tenderId : tenders.openedBy(runId, reopened == null || reopened.isBlank() ? null : reopened)) {
            AwardNoticeXml.Notice notice = tenders.notice(tenderId);
            for (BidRepository.Notified bidder : bids.notified(tenderId)) {
                Path folder = props.outbox().resolve(AtomicFiles.safeComponent(bidder.bidderId()));
                Path target;
                String sha;
                if ("EDIFACT".equals(bidder.format())) {
                    target = folder.resolve("AWARD_" + AtomicFiles.safeComponent(tenderId) + ".edi");
                    sha = AtomicFiles.write(target, out -> AwardNoticeEdifact.write(out, notice, bidder.bidderId(),
                            bidder.bidId(), procurement.ourEdiId(), props.zone()));
                } else {
                    target = folder.resolve("AWARD_" + AtomicFiles.safeComponent(tenderId) + ".xml");
                    sha = AtomicFiles.write(target, out -> AwardNoticeXml.write(out, notice, bidder.bidderId()));
                }
                tenders.recordNotice(tenderId, bidder.bidderId(), target.toString(), sha);
                contribution.incrementWriteCount(1);
                CrashPoints.reach("notice.file-written");
            }
            var failed = tenders.failed(tenderId);
            if (failed.isPresent()) {
                RetenderNotice.Notice again = RetenderNotice.of(failed.get(), procurement.retenderPeriod(),
                        props.zone());
                Path target = props.outbox().resolve(AtomicFiles.safeComponent(failed.get().agencyId()))
                        .resolve("RETENDER_" + AtomicFiles.safeComponent(again.tenderId()) + ".xml");
                String sha = AtomicFiles.write(target, out -> RetenderNotice.write(out, again, props.zone()));
                tenders.recordRetender(tenderId, again.tenderId(), target.toString(), sha);
                CrashPoints.reach("notice.retender-written");
            }
        }
        RunReport report = new RunReport(jdbc);
        report.writeExceptions(report.folder(props.reports(), runId).resolve("exceptions.csv"), runId);
        return RepeatStatus.FINISHED;
    }
}
