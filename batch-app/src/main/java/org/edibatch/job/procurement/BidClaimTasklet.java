package org.edibatch.job.procurement;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.exceptions.ExceptionCategory;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    private final Clock clock;

    public BidClaimTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc, Clock clock) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
        this.files = new InboundFileRepository(jdbc);
        this.bids = new BidRepository(jdbc);
        this.tenders = new TenderRepository(jdbc);
        this.clock = clock;
    }

    /** Bids registered per round trip of each kind (lookups, inserts). */
    private static final int WINDOW = 500;

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        Path work = props.work().resolve("run-" + runId).resolve("bids");
        var fresh = new InboundFiles(jdbc, clock).claim(procurement.bidsInbox(props.home()), new WorkFolder(work), runId,
                props.intake());
        if (fresh.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        // ids are max + 1 under the claimers' lock, held to the end of this step's transaction
        files.lock();
        // bids must be signed whatever edibatch.signature.required says: without anchors nothing can be accepted
        FileSignatureCheck signatures = new FileSignatureCheck(FileSignatureCheck.trustStore(props.trust(), true));
        InboundFiles rows = InboundFiles.buffered(jdbc, clock);
        Set<String> acceptedHere = new HashSet<>();
        // Copying, hashing, the signature check and the parse read one file each: done on every core, a bounded
        // number ahead. Ids, duplicates and rows are then decided one file at a time in claim order, so the
        // outcome does not depend on which thread finished first.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, props.threads()));
        try {
            List<Future<Prepared>> prepared = new ArrayList<>(fresh.size());
            int submitted = 0;
            int i = 0;
            while (i < fresh.size()) {
                while (submitted < fresh.size() && submitted < i + 2 * WINDOW) {
                    WorkFolder.Unit unit = fresh.get(submitted++);
                    prepared.add(pool.submit(() -> prepare(unit, signatures)));
                }
                List<Prepared> window = new ArrayList<>(WINDOW);
                while (i + window.size() < fresh.size() && window.size() < WINDOW) {
                    Prepared p = result(prepared.get(i + window.size()));
                    prepared.set(i + window.size(), null);
                    window.add(p);
                }
                Lookups lookups = lookups(window);
                List<BidRepository.NewBid> newBids = new ArrayList<>(window.size());
                for (Prepared p : window) {
                    register(runId, p, rows, lookups, acceptedHere, newBids);
                    contribution.incrementReadCount();
                    CrashPoints.reach("bid.registered");
                    i++;
                }
                rows.flush();
                bids.insertAll(newBids);
            }
        } finally {
            pool.shutdownNow();
        }
        return RepeatStatus.FINISHED;
    }

    private record Verdict(ProcurementCode code, String detail) {
    }

    /** What intake learns from a bid file alone, without the database. */
    private record Prepared(WorkFolder.Unit unit, Instant receivedAt, ClaimRefusals.Refusal refusal,
                            FileSignatureCheck.Result sig, String sha, BidDocument bid,
                            ProcurementFormatException unreadable) {
    }

    /** What the database said of a window's vendors, tenders and earlier bids, in one query each. */
    private record Lookups(Map<String, BidRepository.Vendor> vendors, Map<String, TenderRepository.Tender> tenders,
                           Set<String> received) {
    }

    private static Prepared result(Future<Prepared> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private Prepared prepare(WorkFolder.Unit unit, FileSignatureCheck signatures) throws Exception {
        Instant receivedAt = clock.instant();
        // refused like the customs claim refuses them: never opened, never followed
        ClaimRefusals.Screened screened = ClaimRefusals.screen(unit, signatures, props.intake(), receivedAt);
        if (screened.refusal() != null) {
            return new Prepared(unit, receivedAt, screened.refusal(), null, null, null, null);
        }
        FileSignatureCheck.Result sig = screened.signature();
        String sha = FileDigest.sha256(unit.data());
        byte[] bytes = Files.readAllBytes(sig.content());
        try {
            return new Prepared(unit, receivedAt, null, sig, sha, BidDocument.parse(bytes), null);
        } catch (ProcurementFormatException e) {
            return new Prepared(unit, receivedAt, null, sig, sha, null, e);
        }
    }

    private Lookups lookups(List<Prepared> window) {
        Set<String> bidders = new HashSet<>();
        Set<String> tenderIds = new HashSet<>();
        for (Prepared p : window) {
            if (p.bid() != null) {
                bidders.add(p.bid().bidderId());
                tenderIds.add(p.bid().tenderId());
            }
        }
        return new Lookups(bids.vendors(bidders), tenders.findAll(tenderIds),
                bids.receivedAmong(tenderIds, bidders));
    }

    private void register(long runId, Prepared p, InboundFiles rows, Lookups lookups, Set<String> acceptedHere,
                          List<BidRepository.NewBid> newBids) throws Exception {
        WorkFolder.Unit unit = p.unit();
        Instant receivedAt = p.receivedAt();
        String name = unit.name();
        ClaimRefusals.Refusal refusal = p.refusal();
        if (refusal != null) {
            long fileId = rows.insert(runId, unit.current(), unit.currentSignature(), name, null, "UNKNOWN", null,
                    FileState.REJECTED, refusal.code(), refusal.text(), null, null, receivedAt);
            rows.exception(runId, fileId, 0, ExceptionCategory.BID, null, name, refusal.code(), refusal.text());
            return;
        }
        FileSignatureCheck.Result sig = p.sig();
        String sha = p.sha();
        BidDocument bid = p.bid();
        if (bid == null) {
            ProcurementFormatException e = p.unreadable();
            long fileId = rows.insert(runId, sig.content(), sig.signature(), name, sha, "UNKNOWN", null,
                    FileState.REJECTED, e.code().name(), e.code().text() + " " + e.getMessage(), sig.form(),
                    sig.outcome(), receivedAt);
            rows.exception(runId, fileId, 0, ExceptionCategory.BID, null, name, e.code().name(),
                    e.code().text() + " " + e.getMessage());
            return;
        }
        VerificationOutcome outcome = sig.outcome() != null ? sig.outcome()
                : VerificationOutcome.of(SubReason.MISSING_SIGNATURE, "no " + name + ".p7s");
        String key = BidRepository.bidKey(bid.tenderId(), bid.bidderId());
        Verdict v = judge(bid, outcome, receivedAt, lookups,
                () -> lookups.received().contains(key) || acceptedHere.contains(key));
        if (v == null || v.code() != ProcurementCode.B40) {
            BidRepository.Vendor vendor = lookups.vendors().get(bid.bidderId());
            outcome = SignerBinding.check(outcome, vendor == null ? null : vendor.brn());
        }
        boolean accepted = v == null;
        String reasonText = accepted ? null : v.code().text() + (v.detail() == null ? "" : " (" + v.detail() + ")");
        long fileId = rows.insert(runId, sig.content(), sig.signature(), name, sha, bid.format(), bid.bidderId(),
                accepted ? FileState.CLAIMED : FileState.REJECTED, accepted ? null : v.code().name(), reasonText,
                sig.form(), outcome, receivedAt);
        if (accepted) {
            acceptedHere.add(key);
        }
        newBids.add(new BidRepository.NewBid(fileId, runId, bid.format(), bid.tenderId(), bid.bidderId(), bid.bidRef(),
                bid.controlRef(), bid.pick1(), bid.pick2(), accepted ? bid.sealedPrice() : null, sha, receivedAt,
                accepted ? BidStatus.RECEIVED : BidStatus.REJECTED, accepted ? null : v.code().name(), reasonText));
        if (!accepted) {
            rows.exception(runId, fileId, 0, ExceptionCategory.BID, bid.bidderId(), name, v.code().name(), reasonText);
        }
    }

    /** @return null when the bid is accepted, else the first failed check in the documented order */
    private Verdict judge(BidDocument bid, VerificationOutcome outcome, Instant receivedAt, Lookups lookups,
                          java.util.function.BooleanSupplier alreadyBid) {
        Optional<BidRepository.Vendor> vendor = outcome.subReason() == SubReason.MISSING_SIGNATURE
                || !outcome.isPassed() ? Optional.empty() : Optional.ofNullable(lookups.vendors().get(bid.bidderId()));
        Optional<BidRules.Tender> tender = Optional.ofNullable(lookups.tenders().get(bid.tenderId()))
                .map(t -> new BidRules.Tender(t.status() == TenderStatus.OPEN, t.deadline()));
        List<BidRules.Finding> found = BidRules.check(bid, outcome, vendor, tender, receivedAt,
                LocalDate.ofInstant(receivedAt, clock.getZone()), alreadyBid, false);
        return found.isEmpty() ? null : new Verdict(found.get(0).code(), found.get(0).detail());
    }
}
