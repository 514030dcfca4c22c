package org.edibatch.job.procurement;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.procurement.AwardNoticeXml;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.TenderRepository;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the award notice of every tender opened by this run to every bidder whose bid was received (refused
 * bids were answered at intake), outbox/&lt;bidder&gt;/AWARD_&lt;tender&gt;.xml, from what the opening committed;
 * then the run's exception file. Same inputs give the same bytes, so a rerun replaces files with themselves.
 */
public class AwardNoticeTasklet implements Tasklet {

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final TenderRepository tenders;
    private final BidRepository bids;

    public AwardNoticeTasklet(EdiBatchProperties props, JdbcTemplate jdbc) {
        this.props = props;
        this.jdbc = jdbc;
        this.tenders = new TenderRepository(jdbc);
        this.bids = new BidRepository(jdbc);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        String opened = jobExecution.getExecutionContext().getString(BidOpeningTasklet.OPENED_KEY, "");
        for (String tenderId : opened.isEmpty() ? List.<String>of() : Arrays.asList(opened.split(","))) {
            AwardNoticeXml.Notice notice = tenders.notice(tenderId);
            for (String bidder : bids.receivedBidders(tenderId)) {
                Path target = props.outbox().resolve(AtomicFiles.safeName(bidder))
                        .resolve("AWARD_" + AtomicFiles.safeName(tenderId) + ".xml");
                String sha = AtomicFiles.write(target, out -> AwardNoticeXml.write(out, notice, bidder));
                tenders.recordNotice(tenderId, bidder, target.toString(), sha);
                contribution.incrementWriteCount(1);
            }
        }
        RunReport report = new RunReport(jdbc);
        report.writeExceptions(report.folder(props.reports(), runId).resolve("exceptions.csv"), runId);
        return RepeatStatus.FINISHED;
    }
}
