package org.edibatch.job.procurement;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.intake.ClaimRefusals;
import org.edibatch.intake.FileDigest;
import org.edibatch.intake.FileSignatureCheck;
import org.edibatch.intake.FileState;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.intake.InboundFiles;
import org.edibatch.intake.WorkFolder;
import org.edibatch.procurement.BidDocument;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.BidRules;
import org.edibatch.procurement.BidStatus;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.TenderRepository;
import org.edibatch.procurement.TenderStatus;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
    private final InboundFileRepository files;
    private final BidRepository bids;
    private final TenderRepository tenders;
    private final ExceptionItemRepository exceptions;
    private final Clock clock;

    public BidClaimTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc, Clock clock) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
        this.files = new InboundFileRepository(jdbc);
        this.bids = new BidRepository(jdbc);
        this.tenders = new TenderRepository(jdbc);
        this.exceptions = new ExceptionItemRepository(jdbc);
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        Path work = props.work().resolve("run-" + runId).resolve("bids");
        var fresh = new InboundFiles(jdbc, clock).claim(procurement.bidsInbox(props.home()), new WorkFolder(work), runId,
                props.intake());
        if (fresh.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        // bids must be signed whatever edibatch.signature.required says: without anchors nothing can be accepted
        FileSignatureCheck signatures = new FileSignatureCheck(FileSignatureCheck.trustStore(props.trust(), true));
        for (WorkFolder.Unit unit : fresh) {
            register(runId, unit, signatures);
            contribution.incrementReadCount();
            CrashPoints.reach("bid.registered");
        }
        return RepeatStatus.FINISHED;
    }

    private record Verdict(ProcurementCode code, String detail) {
    }

    private void register(long runId, WorkFolder.Unit unit, FileSignatureCheck signatures) throws Exception {
        Instant receivedAt = clock.instant();
        String name = unit.name();
        // refused like the customs claim refuses them: never opened, never followed
        ClaimRefusals.Screened screened = ClaimRefusals.screen(unit, signatures, props.intake(), receivedAt);
        ClaimRefusals.Refusal refusal = screened.refusal();
        FileSignatureCheck.Result sig = screened.signature();
        if (refusal != null) {
            long fileId = files.register(runId, new InboundFileRepository.Registration(name, unit.current(),
                    unit.currentSignature(), null, "UNKNOWN", null, FileState.REJECTED, refusal.code(), refusal.text(),
                    null, null, receivedAt));
            exceptions.insertOnce(runId, fileId, ExceptionItemRepository.WHOLE_FILE, ExceptionCategory.BID, null, name,
                    refusal.code(), refusal.text());
            return;
        }
        String sha = FileDigest.sha256(unit.data());
        byte[] bytes = Files.readAllBytes(sig.content());
        BidDocument bid;
        try {
            bid = BidDocument.parse(bytes);
        } catch (ProcurementFormatException e) {
            long fileId = files.register(runId, new InboundFileRepository.Registration(name, sig.content(),
                    sig.signature(), sha, "UNKNOWN", null, FileState.REJECTED, e.code().name(),
                    e.code().text() + " " + e.getMessage(), sig.form(), sig.outcome(), receivedAt));
            exceptions.insertOnce(runId, fileId, ExceptionItemRepository.WHOLE_FILE, ExceptionCategory.BID, null, name,
                    e.code().name(), e.code().text() + " " + e.getMessage());
            return;
        }
        VerificationOutcome outcome = sig.outcome() != null ? sig.outcome()
                : VerificationOutcome.of(SubReason.MISSING_SIGNATURE, "no " + name + ".p7s");
        Verdict v = judge(bid, outcome, receivedAt);
        if (v == null || v.code() != ProcurementCode.B40) {
            outcome = SignerBinding.check(outcome, bids.vendor(bid.bidderId())
                    .map(BidRepository.Vendor::brn).orElse(null));
        }
        boolean accepted = v == null;
        String reasonText = accepted ? null : v.code().text() + (v.detail() == null ? "" : " (" + v.detail() + ")");
        long fileId = files.register(runId, new InboundFileRepository.Registration(name, sig.content(),
                sig.signature(), sha, bid.format(), bid.bidderId(), accepted ? FileState.CLAIMED : FileState.REJECTED,
                accepted ? null : v.code().name(), reasonText, sig.form(), outcome, receivedAt));
        bids.insert(new BidRepository.NewBid(fileId, runId, bid.format(), bid.tenderId(), bid.bidderId(), bid.bidRef(),
                bid.controlRef(), bid.pick1(), bid.pick2(), accepted ? bid.sealedPrice() : null, sha, receivedAt,
                accepted ? BidStatus.RECEIVED : BidStatus.REJECTED, accepted ? null : v.code().name(), reasonText));
        if (!accepted) {
            exceptions.insertOnce(runId, fileId, ExceptionItemRepository.WHOLE_FILE, ExceptionCategory.BID,
                    bid.bidderId(), name, v.code().name(), reasonText);
        }
    }

    /** @return null when the bid is accepted, else the first failed check in the documented order */
    private Verdict judge(BidDocument bid, VerificationOutcome outcome, Instant receivedAt) {
        Optional<BidRepository.Vendor> vendor = outcome.subReason() == SubReason.MISSING_SIGNATURE
                || !outcome.isPassed() ? Optional.empty() : bids.vendor(bid.bidderId());
        Optional<BidRules.Tender> tender = tenders.find(bid.tenderId())
                .map(t -> new BidRules.Tender(t.status() == TenderStatus.OPEN, t.deadline()));
        List<BidRules.Finding> found = BidRules.check(bid, outcome, vendor, tender, receivedAt,
                LocalDate.ofInstant(receivedAt, clock.getZone()),
                () -> bids.receivedCount(bid.tenderId(), bid.bidderId()) > 0, false);
        return found.isEmpty() ? null : new Verdict(found.get(0).code(), found.get(0).detail());
    }
}
