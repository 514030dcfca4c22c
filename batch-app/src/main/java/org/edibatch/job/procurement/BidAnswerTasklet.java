package org.edibatch.job.procurement;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.procurement.BidReceiptEdifact;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ReceiptXml;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers every bid of the run from what the claim step committed: a TenderReceipt (XML bids) or an APERAK
 * (EDIFACT bids) in outbox/&lt;bidder&gt;/, named after the inbound file id so a rewrite after a restart replaces
 * the same file and never another bid's answer. The bidder's and tender's ids in the names are made safe and bounded
 * ({@link AtomicFiles#safeComponent}): a refused bid's ids are whatever its sender wrote.
 */
public class BidAnswerTasklet implements Tasklet {

    /** Answers flushed together and recorded per round trip. */
    private static final int WINDOW = 500;


    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final BidRepository bids;

    public BidAnswerTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc) {
        this.props = props;
        this.procurement = procurement;
        this.bids = new BidRepository(jdbc);
    }

    private static ReceiptXml.Receipt receipt(BidRepository.Answerable r) {
        return new ReceiptXml.Receipt(r.receiptNo(), r.tenderId(), r.bidderId(), r.bidRef(), r.receivedAt(), r.sha(),
                r.reasonCode() == null ? null : ProcurementCode.valueOf(r.reasonCode()));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        // written, then flushed together and recorded in windows: a flush per file was most of the step
        List<BidRepository.Answerable> all = bids.ofRun(runId);
        for (int from = 0; from < all.size(); from += WINDOW) {
            List<BidRepository.Answerable> window = all.subList(from, Math.min(all.size(), from + WINDOW));
            List<AtomicFiles.Staged> staged = new ArrayList<>(window.size());
            for (BidRepository.Answerable r : window) {
                Path folder = props.outbox().resolve(AtomicFiles.safeComponent(r.bidderId()));
                if ("EDIFACT".equals(r.format())) {
                    staged.add(AtomicFiles.stage(folder.resolve("APERAK_" + AtomicFiles.safeComponent(r.controlRef()) + "_"
                            + r.fileId() + ".edi"), out -> BidReceiptEdifact.write(out, r, procurement.ourEdiId(), props.zone())));
                } else {
                    staged.add(AtomicFiles.stage(folder.resolve("RECEIPT_" + AtomicFiles.safeComponent(r.tenderId()) + "_"
                            + r.fileId() + ".xml"), out -> ReceiptXml.write(out, receipt(r))));
                }
            }
            AtomicFiles.commitTogether(staged);
            List<BidRepository.Answer> answers = new ArrayList<>(window.size());
            for (int k = 0; k < window.size(); k++) {
                answers.add(new BidRepository.Answer(window.get(k).bidId(), staged.get(k).target().toString(),
                        staged.get(k).sha256()));
                contribution.incrementWriteCount(1);
                CrashPoints.reach("bid.answer-written");
            }
            bids.recordAnswers(answers);
        }
        return RepeatStatus.FINISHED;
    }
}
