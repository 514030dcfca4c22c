package org.edibatch.job.procurement;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.ContrlBuilder;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.procurement.AwardNoticeEdifact;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ReceiptXml;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.edibatch.edifact.EdifactWriter.c;

/**
 * Answers every bid of the run from what the claim step committed: a TenderReceipt (XML bids) or an APERAK
 * (EDIFACT bids) in outbox/&lt;bidder&gt;/, named after the inbound file id so a rewrite after a restart replaces
 * the same file and never another bid's answer. The bidder's and tender's ids in the names are made safe and bounded
 * ({@link AtomicFiles#safeComponent}): a refused bid's ids are whatever its sender wrote.
 */
public class BidAnswerTasklet implements Tasklet {

    /** Answers flushed together and recorded per round trip. */
    private static final int WINDOW = 500;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

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
                            + r.fileId() + ".edi"), out -> aperak(new EdifactWriter(out), r)));
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

    /**
     * APERAK D96B: BGM 1001 = 23 (status information), 1004 = receipt number (or the bid reference when refused),
     * 1225 = 29 accepted / 27 not accepted; FTX+ZZZ the SHA-256 of the file; RFF+CT tender, RFF+ACW bid reference;
     * ERC + FTX+AAO the refusal code and text.
     */
    private void aperak(EdifactWriter w, BidRepository.Answerable r) throws IOException {
        var at = r.receivedAt().atZone(props.zone());
        String ref = "RC" + r.fileId();
        // the bidder's values within their syntax limits (UNB ids an..35, references an..70): a longer one was
        // refused at intake and is still answered
        w.startInterchange(procurement.ourEdiId(), ContrlBuilder.fit(r.bidderId(), 35),
                DateTimeFormatter.ofPattern("yyMMdd").format(at),
                DateTimeFormatter.ofPattern("HHmm").format(at), ref);
        w.startMessage("1", "APERAK", "D", "96B", "UN");
        boolean accepted = r.reasonCode() == null;
        w.segment("BGM", c(AperakBuilder.STATUS_INFORMATION), accepted ? r.receiptNo() : ContrlBuilder.fit(r.bidRef(), 35),
                accepted ? "29" : "27");
        w.segment("DTM", c("137", STAMP.format(at), "203"));
        w.segment("FTX", "ZZZ", null, null, c("SHA-256", r.sha()));
        w.segment("RFF", c("CT", ContrlBuilder.fit(r.tenderId(), 70)));
        w.segment("RFF", c("ACW", ContrlBuilder.fit(r.bidRef(), 70)));
        if (!accepted) {
            ProcurementCode code = ProcurementCode.valueOf(r.reasonCode());
            w.segment("ERC", c(code.name()));
            // B60's text is 72 characters: D96B's 4440 holds 70
            w.segment("FTX", "AAO", null, null, c(AwardNoticeEdifact.chunks(code.text())));
        }
        w.endMessage();
        w.endInterchange();
    }
}
