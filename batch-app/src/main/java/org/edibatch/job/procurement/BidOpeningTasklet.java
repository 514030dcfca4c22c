package org.edibatch.job.procurement;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.ProcurementPostings;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.PriceDocument;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.RetenderNotice;
import org.edibatch.procurement.SealedBidOpener;
import org.edibatch.procurement.TenderOpening;
import org.edibatch.procurement.TenderRepository;
import org.edibatch.signature.Credential;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens every due tender (opening time reached and not yet opened, or the one named by tender.id, which then
 * is reopened): opens each received bid's seal, has {@link TenderOpening} draw, price, rank, review and award,
 * records that, posts the award (or marks the tender failed, naming its re-tender) and lists unopenable,
 * ineligible and unqualified bids in the exception file. Everything is recomputed from stored inputs, so a
 * reopening inserts nothing new; a reopening that disagreed with the stored award fails the run loudly. The step
 * is one transaction, so a crash leaves every due tender untouched, to be opened by the rerun.
 */
public class BidOpeningTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(BidOpeningTasklet.class);
    static final String OPENED_KEY = "procurement.openedTenders";

    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final TenderRepository tenders;
    private final BidRepository bids;
    private final ExceptionItemRepository exceptions;
    private final JdbcLedger ledger;
    private final Clock clock;
    private final String onlyTender;

    public BidOpeningTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc,
                             JdbcLedger ledger, Clock clock, String onlyTender) {
        this.props = props;
        this.procurement = procurement;
        this.tenders = new TenderRepository(jdbc);
        this.bids = new BidRepository(jdbc);
        this.exceptions = new ExceptionItemRepository(jdbc);
        this.ledger = ledger;
        this.clock = clock;
        this.onlyTender = onlyTender == null || onlyTender.isBlank() ? null : onlyTender;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        Instant now = clock.instant();
        List<TenderRepository.Tender> due = onlyTender == null ? tenders.dueForOpening(now)
                : tenders.dueForReopening(now, onlyTender);
        List<String> opened = new ArrayList<>();
        if (!due.isEmpty()) {
            SealedBidOpener opener = new SealedBidOpener(agency(), new org.edibatch.signature.CmsVerifier(
                    org.edibatch.intake.FileSignatureCheck.trustStore(props.trust(), true)));
            // The seals are opened on every core, the next tenders' while one is recorded; everything that
            // touches the database (this step's one transaction) stays on this thread, tender by tender in id
            // order, so the outcome does not depend on which thread finished first.
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, props.threads()));
            try {
                Deque<Opening> ahead = new ArrayDeque<>();
                int next = 0;
                while (next < due.size() || !ahead.isEmpty()) {
                    while (next < due.size() && ahead.size() < AHEAD) {
                        ahead.add(startOpening(due.get(next++), opener, pool, now));
                    }
                    Opening o = ahead.poll();
                    record(runId, o, now);
                    opened.add(o.tender().id());
                    CrashPoints.reach("opening.tender-opened");
                    contribution.incrementWriteCount(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        jobExecution.getExecutionContext().putString(OPENED_KEY, String.join(",", opened));
        log.info("run {}: {} tender(s) opened {}", runId, opened.size(), opened);
        return RepeatStatus.FINISHED;
    }

    private Credential agency() throws Exception {
        Path p12 = procurement.agencyKeystore(props.home());
        if (procurement.agencyKeystorePassword() == null || !Files.exists(p12)) {
            throw new IllegalStateException("agency keystore " + p12 + " or its password "
                    + "(edibatch.procurement.agency-keystore-password) missing: bids cannot be opened");
        }
        return Credential.fromPkcs12(p12, procurement.agencyKeystorePassword().toCharArray());
    }

    /** Tenders whose seals are being opened while the first of them is recorded. */
    private static final int AHEAD = 3;

    /** A tender whose received bids are being opened, each bid's future in id order. */
    private record Opening(TenderRepository.Tender tender, List<BidRepository.Received> received,
                           List<Future<TenderOpening.Bid>> bids) {
    }

    private Opening startOpening(TenderRepository.Tender t, SealedBidOpener opener, ExecutorService pool, Instant now) {
        List<BidRepository.Received> received = bids.received(t.id());
        List<Future<TenderOpening.Bid>> futures = new ArrayList<>(received.size());
        for (BidRepository.Received r : received) {
            futures.add(pool.submit(() -> openOne(r, t, opener, now)));
        }
        return new Opening(t, received, futures);
    }

    private static TenderOpening.Bid openOne(BidRepository.Received r, TenderRepository.Tender t,
                                             SealedBidOpener opener, Instant now) {
        SealedBidOpener.Sealed sealed = new SealedBidOpener.Sealed(r.bidId(), r.tenderId(), r.bidderId(),
                r.bidderBrn(), r.receivedAt(), r.sealedPrice());
        try {
            PriceDocument price = opener.open(sealed, t.openingTime(), now);
            return TenderOpening.Bid.opened(r.bidId(), r.bidderId(), r.receiptNo(), r.receivedAt(), r.pick1(),
                    r.pick2(), price.amount());
        } catch (ProcurementFormatException e) {
            return TenderOpening.Bid.unopenable(r.bidId(), r.bidderId(), r.receiptNo(), r.receivedAt(), e);
        }
    }

    private void record(long runId, Opening o, Instant now) throws Exception {
        TenderRepository.Tender t = o.tender();
        List<TenderOpening.Bid> opened = new ArrayList<>(o.received().size());
        Map<Long, BidRepository.Received> byId = new HashMap<>();
        for (int k = 0; k < o.received().size(); k++) {
            byId.put(o.received().get(k).bidId(), o.received().get(k));
            try {
                opened.add(o.bids().get(k).get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        TenderOpening.Result result = TenderOpening.open(t.terms(), tenders.criteria(t), opened);
        List<TenderOpening.Verdict> verdicts = new ArrayList<>(result.unopenable());
        verdicts.addAll(result.ranking());
        tenders.insertDraws(t.id(), result.draw());
        tenders.insertOpenings(t.id(), verdicts, runId);
        List<ExceptionItemRepository.Line> lines = new ArrayList<>();
        for (TenderOpening.Verdict v : verdicts) {
            // the bid's line in the exception file when it cannot win
            if (v.reason() != null) {
                BidRepository.Received bid = byId.get(v.bidId());
                lines.add(new ExceptionItemRepository.Line(runId, bid.fileId(), 1, ExceptionCategory.OPENING,
                        v.vendorId(), bid.fileName(), v.reason().name(), v.exceptionText()));
            }
        }
        exceptions.insertAllOnce(lines);
        String key = ProcurementPostings.idempotencyKey(t.id());
        tenders.insertAward(t.id(), runId, now, result, key,
                result.failReason() == null ? null : RetenderNotice.nextId(t.id()));
        result.winner().ifPresent(w -> ledger.post(ProcurementPostings.forAward(t.id(), t.agencyId(), w.vendorId(),
                w.receiptNo(), w.price(), LocalDate.ofInstant(t.openingTime(), clock.getZone())), runId));
        tenders.markOpened(t.id(), result.result());
        if (result.failReason() != null) {
            // a failed tender is the agency's to act on: a line of its own, on the notice's file
            exceptions.insertOnce(runId, tenders.noticeFileId(t.id()), ExceptionItemRepository.WHOLE_FILE,
                    ExceptionCategory.OPENING, t.agencyId(), t.fileName(), result.failReason().name(), "tender "
                            + t.id() + ": " + result.failReason().text() + " Re-tender " + RetenderNotice.nextId(t.id())
                            + " written to the agency's outbox.");
        }
    }
}
