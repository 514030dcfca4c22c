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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            Path scratch = props.work().resolve("opening-" + runId);
            SealedBidOpener opener = new SealedBidOpener(agency(), new org.edibatch.signature.CmsVerifier(
                    org.edibatch.intake.FileSignatureCheck.trustStore(props.trust(), true)), scratch);
            for (TenderRepository.Tender t : due) {
                open(runId, t, opener, now);
                opened.add(t.id());
                CrashPoints.reach("opening.tender-opened");
                contribution.incrementWriteCount(1);
            }
            Files.deleteIfExists(scratch);
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

    private void open(long runId, TenderRepository.Tender t, SealedBidOpener opener, Instant now) {
        List<BidRepository.Received> received = bids.received(t.id());
        List<TenderOpening.Bid> opened = new ArrayList<>(received.size());
        Map<Long, BidRepository.Received> byId = new HashMap<>();
        for (BidRepository.Received r : received) {
            byId.put(r.bidId(), r);
            SealedBidOpener.Sealed sealed = new SealedBidOpener.Sealed(r.bidId(), r.tenderId(), r.bidderId(),
                    r.bidderBrn(), r.receivedAt(), r.sealedPrice());
            try {
                PriceDocument price = opener.open(sealed, t.openingTime(), now);
                opened.add(TenderOpening.Bid.opened(r.bidId(), r.bidderId(), r.receiptNo(), r.receivedAt(),
                        r.pick1(), r.pick2(), price.amount()));
            } catch (ProcurementFormatException e) {
                opened.add(TenderOpening.Bid.unopenable(r.bidId(), r.bidderId(), r.receiptNo(), r.receivedAt(), e));
            }
        }
        TenderOpening.Result result = TenderOpening.open(t.terms(), tenders.criteria(t), opened);
        for (TenderOpening.Verdict v : result.unopenable()) {
            record(runId, t, v, byId.get(v.bidId()));
        }
        for (TenderOpening.Band band : result.draw()) {
            tenders.insertDraw(t.id(), band);
        }
        for (TenderOpening.Verdict v : result.ranking()) {
            record(runId, t, v, byId.get(v.bidId()));
        }
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

    /** The bid's outcome, and its line in the exception file when it cannot win. */
    private void record(long runId, TenderRepository.Tender t, TenderOpening.Verdict v, BidRepository.Received bid) {
        tenders.insertOpening(t.id(), v, runId);
        if (v.reason() != null) {
            exceptions.insertOnce(runId, bid.fileId(), 1, ExceptionCategory.OPENING, v.vendorId(), bid.fileName(),
                    v.reason().name(), v.exceptionText());
        }
    }
}
