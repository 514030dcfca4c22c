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
import java.util.ArrayList;
import java.util.List;

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
            // a tender's notices written, then flushed together and recorded: a flush per file was most of the step
            List<BidRepository.Notified> bidders = bids.notified(tenderId);
            List<AtomicFiles.Staged> staged = new ArrayList<>(bidders.size() + 1);
            for (BidRepository.Notified bidder : bidders) {
                Path folder = props.outbox().resolve(AtomicFiles.safeComponent(bidder.bidderId()));
                if ("EDIFACT".equals(bidder.format())) {
                    staged.add(AtomicFiles.stage(folder.resolve("AWARD_" + AtomicFiles.safeComponent(tenderId) + ".edi"),
                            out -> AwardNoticeEdifact.write(out, notice, bidder.bidderId(), bidder.bidId(),
                                    procurement.ourEdiId(), props.zone())));
                } else {
                    staged.add(AtomicFiles.stage(folder.resolve("AWARD_" + AtomicFiles.safeComponent(tenderId) + ".xml"),
                            out -> AwardNoticeXml.write(out, notice, bidder.bidderId())));
                }
            }
            var failed = tenders.failed(tenderId);
            RetenderNotice.Notice again = null;
            if (failed.isPresent()) {
                RetenderNotice.Notice retender = RetenderNotice.of(failed.get(), procurement.retenderPeriod(),
                        props.zone());
                again = retender;
                staged.add(AtomicFiles.stage(props.outbox().resolve(AtomicFiles.safeComponent(failed.get().agencyId()))
                        .resolve("RETENDER_" + AtomicFiles.safeComponent(retender.tenderId()) + ".xml"),
                        out -> RetenderNotice.write(out, retender, props.zone())));
            }
            AtomicFiles.commitTogether(staged);
            List<TenderRepository.Sent> sent = new ArrayList<>(bidders.size());
            for (int k = 0; k < bidders.size(); k++) {
                sent.add(new TenderRepository.Sent(bidders.get(k).bidderId(), staged.get(k).target().toString(),
                        staged.get(k).sha256()));
                contribution.incrementWriteCount(1);
                CrashPoints.reach("notice.file-written");
            }
            tenders.recordNotices(tenderId, sent);
            if (again != null) {
                AtomicFiles.Staged r = staged.get(staged.size() - 1);
                tenders.recordRetender(tenderId, again.tenderId(), r.target().toString(), r.sha256());
                CrashPoints.reach("notice.retender-written");
            }
        }
        RunReport report = new RunReport(jdbc);
        report.writeExceptions(report.folder(props.reports(), runId).resolve("exceptions.csv"), runId);
        return RepeatStatus.FINISHED;
    }
}
