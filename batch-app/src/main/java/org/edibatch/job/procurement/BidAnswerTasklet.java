package org.edibatch.job.procurement;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ReceiptXml;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.edibatch.edifact.EdifactWriter.c;

/**
 * Answers every bid of the run from what the claim step committed: a TenderReceipt (XML bids) or an APERAK
 * (EDIFACT bids) in outbox/&lt;bidder&gt;/, named after the inbound file id so a rewrite after a restart replaces
 * the same file and never another bid's answer.
 */
public class BidAnswerTasklet implements Tasklet {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final JdbcTemplate jdbc;

    public BidAnswerTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
    }

    private record Row(long bidId, long fileId, String format, String tenderId, String bidderId, String bidRef,
                       String controlRef, String receiptNo, String sha, Instant receivedAt, String reasonCode) {
        ReceiptXml.Receipt receipt() {
            return new ReceiptXml.Receipt(receiptNo, tenderId, bidderId, bidRef, receivedAt, sha,
                    reasonCode == null ? null : ProcurementCode.valueOf(reasonCode));
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        List<Row> rows = jdbc.query("SELECT b.id, b.file_id, b.format, b.tender_id, b.bidder_id, b.bid_ref, "
                        + "b.edi_control_ref, r.receipt_no, b.file_sha256, b.received_at, b.reason_code "
                        + "FROM bid b JOIN bid_receipt r ON r.bid_id = b.id WHERE b.run_id = ? ORDER BY b.id",
                (rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getString(11)), runId);
        for (Row r : rows) {
            Path folder = props.outbox().resolve(AtomicFiles.safeName(r.bidderId()));
            Path target;
            String sha;
            if ("EDIFACT".equals(r.format())) {
                target = folder.resolve("APERAK_" + AtomicFiles.safeName(r.controlRef()) + "_" + r.fileId() + ".edi");
                sha = AtomicFiles.write(target, out -> aperak(new EdifactWriter(out), r));
            } else {
                target = folder.resolve("RECEIPT_" + AtomicFiles.safeName(r.tenderId()) + "_" + r.fileId() + ".xml");
                sha = AtomicFiles.write(target, out -> ReceiptXml.write(out, r.receipt()));
            }
            jdbc.update("UPDATE bid_receipt SET answer_path = ?, answer_sha256 = ? WHERE bid_id = ?",
                    target.toString(), sha, r.bidId());
            contribution.incrementWriteCount(1);
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * APERAK D96B: BGM 1001 = 'ZZZ' (bid receipt), 1004 = receipt number (or the bid reference when refused),
     * 1225 = 29 accepted / 27 not accepted; RFF+CT tender, RFF+ACW bid reference; FTX+ZZZ the SHA-256 of the file;
     * ERC + FTX+AAO the refusal code and text.
     */
    private void aperak(EdifactWriter w, Row r) throws IOException {
        var at = r.receivedAt().atZone(ZoneId.of(props.zone()));
        String ref = "RC" + r.fileId();
        w.startInterchange(procurement.ourEdiId(), r.bidderId(), DateTimeFormatter.ofPattern("yyMMdd").format(at),
                DateTimeFormatter.ofPattern("HHmm").format(at), ref);
        w.startMessage("1", "APERAK", "D", "96B", "UN");
        boolean accepted = r.reasonCode() == null;
        w.segment("BGM", c("ZZZ"), accepted ? r.receiptNo() : r.bidRef(), accepted ? "29" : "27");
        w.segment("DTM", c("137", STAMP.format(at), "203"));
        w.segment("RFF", c("CT", r.tenderId()));
        w.segment("RFF", c("ACW", r.bidRef()));
        w.segment("FTX", "ZZZ", null, null, c("SHA-256", r.sha()));
        if (!accepted) {
            ProcurementCode code = ProcurementCode.valueOf(r.reasonCode());
            w.segment("ERC", c(code.name()));
            w.segment("FTX", "AAO", null, null, c(code.text()));
        }
        w.endMessage();
        w.endInterchange();
    }
}
