package org.edibatch.job.procurement;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.intake.FileDigest;
import org.edibatch.intake.FileSignatureCheck;
import org.edibatch.intake.InboundFiles;
import org.edibatch.procurement.BidDocument;
import org.edibatch.procurement.BidEdifact;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Bid intake: claim the bids inbox, verify each bid file's detached signature (the seal stays closed), check the
 * vendor, the tender, the deadline (time of receipt = this claim, deadline inclusive), the picks and duplicates
 * (the earlier bid stands), store the sealed price unopened and issue a receipt number. Bids must be signed
 * whatever edibatch.signature.required says.
 */
public class BidClaimTasklet implements Tasklet {

    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BidClaimTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc, Clock clock) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        ProcurementFiles files = new ProcurementFiles(jdbc);
        Path work = props.work().resolve("run-" + runId).resolve("bids");
        var fresh = new InboundFiles(jdbc, clock).claim(procurement.bidsInbox(props.home()), work, runId);
        if (fresh.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        // bids must be signed whatever edibatch.signature.required says: without anchors nothing can be accepted
        FileSignatureCheck signatures = new FileSignatureCheck(FileSignatureCheck.trustStore(props.trust(), true));
        for (Path file : fresh) {
            if (!FileSignatureCheck.isSecondary(file)) {
                register(runId, file, signatures, files);
                contribution.incrementReadCount();
            }
        }
        return RepeatStatus.FINISHED;
    }

    private record Verdict(ProcurementCode code, String detail) {
    }

    private void register(long runId, Path file, FileSignatureCheck signatures, ProcurementFiles files) throws Exception {
        Instant receivedAt = clock.instant();
        String name = file.getFileName().toString();
        String sha = FileDigest.sha256(file);
        FileSignatureCheck.Result sig = signatures.check(file, receivedAt);
        byte[] bytes = Files.readAllBytes(sig.content());
        BidDocument bid;
        try {
            bid = firstNonBlank(bytes) == '<' ? BidDocument.parseXml(bytes) : BidEdifact.parse(bytes);
        } catch (ProcurementFormatException e) {
            long fileId = files.register(runId, new ProcurementFiles.Registration(name, sig.content(), sig.signature(),
                    sha, "UNKNOWN", null, "REJECTED", e.code().name(), e.code().text() + " " + e.getMessage(),
                    sig.form(), sig.outcome(), receivedAt));
            files.exception(runId, fileId, -1, "BID", null, name, e.code().name(), e.code().text() + " " + e.getMessage());
            return;
        }
        VerificationOutcome outcome = sig.outcome() != null ? sig.outcome()
                : VerificationOutcome.of(SubReason.MISSING_SIGNATURE, "no " + name + ".p7s");
        Verdict v = judge(bid, outcome, receivedAt);
        if (v == null || v.code() != ProcurementCode.B40) {
            outcome = SignerBinding.check(outcome, JdbcProcurement.vendor(jdbc, bid.bidderId())
                    .map(JdbcProcurement.Vendor::brn).orElse(null));
        }
        boolean accepted = v == null;
        String reasonText = accepted ? null : v.code().text() + (v.detail() == null ? "" : " (" + v.detail() + ")");
        long fileId = files.register(runId, new ProcurementFiles.Registration(name, sig.content(), sig.signature(), sha,
                bid.format(), bid.bidderId(), accepted ? "CLAIMED" : "REJECTED", accepted ? null : v.code().name(),
                reasonText, sig.form(), outcome, receivedAt));
        long bidId = jdbc.queryForObject("INSERT INTO bid (file_id, run_id, format, tender_id, bidder_id, bid_ref, "
                        + "edi_control_ref, pick1, pick2, sealed_price, file_sha256, received_at, status, reason_code, "
                        + "reason_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id", Long.class,
                fileId, runId, bid.format(), bid.tenderId(), bid.bidderId(), bid.bidRef(), bid.controlRef(),
                bid.pick1(), bid.pick2(), accepted ? bid.sealedPrice() : null, sha, Timestamp.from(receivedAt),
                accepted ? "RECEIVED" : "REJECTED", accepted ? null : v.code().name(), reasonText);
        jdbc.update("INSERT INTO bid_receipt (bid_id, receipt_no, file_sha256, issued_at) VALUES (?,?,?,?)",
                bidId, accepted ? JdbcProcurement.receiptNo(bidId) : null, sha, Timestamp.from(receivedAt));
        if (!accepted) {
            files.exception(runId, fileId, -1, "BID", bid.bidderId(), name, v.code().name(), reasonText);
        }
    }

    /** @return null when the bid is accepted, else the first failed check in the documented order */
    private Verdict judge(BidDocument bid, VerificationOutcome outcome, Instant receivedAt) {
        if (outcome.subReason() == SubReason.MISSING_SIGNATURE) {
            return new Verdict(ProcurementCode.B30, null);
        }
        if (!outcome.isPassed()) {
            return new Verdict(ProcurementCode.B31, outcome.subReason().name());
        }
        Optional<JdbcProcurement.Vendor> vendor = JdbcProcurement.vendor(jdbc, bid.bidderId());
        if (vendor.isEmpty()) {
            return new Verdict(ProcurementCode.B40, bid.bidderId());
        }
        if (!SignerBinding.check(outcome, vendor.get().brn()).isPassed()) {
            return new Verdict(ProcurementCode.B32, "signer BRN " + outcome.signerBrn());
        }
        if (vendor.get().debarredOn(LocalDate.ofInstant(receivedAt, clock.getZone()))) {
            return new Verdict(ProcurementCode.B41, null);
        }
        Optional<JdbcProcurement.Tender> tender = JdbcProcurement.tender(jdbc, bid.tenderId());
        if (tender.isEmpty() || !"OPEN".equals(tender.get().status())) {
            return new Verdict(ProcurementCode.B10, bid.tenderId());
        }
        if (receivedAt.isAfter(tender.get().deadline())) {
            return new Verdict(ProcurementCode.B20, "deadline " + tender.get().deadline() + ", received " + receivedAt);
        }
        if (!bid.picksValid()) {
            return new Verdict(ProcurementCode.B60, bid.pick1() + "," + bid.pick2());
        }
        Integer earlier = jdbc.queryForObject("SELECT COUNT(*) FROM bid WHERE tender_id = ? AND bidder_id = ? "
                + "AND status = 'RECEIVED'", Integer.class, bid.tenderId(), bid.bidderId());
        if (earlier > 0) {
            return new Verdict(ProcurementCode.B50, null);
        }
        return null;
    }

    private static int firstNonBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b) && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
                return b;
            }
        }
        return -1;
    }
}
