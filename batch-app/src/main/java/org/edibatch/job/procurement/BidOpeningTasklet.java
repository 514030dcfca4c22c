package org.edibatch.job.procurement;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.edibatch.ledger.JournalLine;
import org.edibatch.procurement.AwardRule;
import org.edibatch.procurement.PreliminaryPriceDraw;
import org.edibatch.procurement.PriceDocument;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.ReservePrice;
import org.edibatch.procurement.SealedBidOpener;
import org.edibatch.signature.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens every due tender (opening time reached and not yet opened, or the one named by tender.id, which then
 * is reopened): opens each received bid, draws the 15 prices from the recorded seed, tallies the picks of the
 * bids that opened, computes the reserve price, ranks and awards, posts the award (key AWARD:tenderId) and lists
 * unopenable and ineligible bids in the exception file. Everything is recomputed from stored inputs, so a
 * reopening inserts nothing new; a reopening that disagreed with the stored award fails the run loudly.
 */
public class BidOpeningTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(BidOpeningTasklet.class);
    static final String OPENED_KEY = "procurement.openedTenders";

    private final EdiBatchProperties props;
    private final ProcurementProperties procurement;
    private final JdbcTemplate jdbc;
    private final JdbcLedger ledger;
    private final Clock clock;
    private final String onlyTender;

    public BidOpeningTasklet(EdiBatchProperties props, ProcurementProperties procurement, JdbcTemplate jdbc,
                             JdbcLedger ledger, Clock clock, String onlyTender) {
        this.props = props;
        this.procurement = procurement;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.onlyTender = onlyTender == null || onlyTender.isBlank() ? null : onlyTender;
    }

    private record Received(SealedBidOpener.Sealed sealed, long fileId, String fileName, String receiptNo,
                            int pick1, int pick2) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        Instant now = clock.instant();
        List<JdbcProcurement.Tender> due = onlyTender == null
                ? JdbcProcurement.tenders(jdbc, "WHERE opening_time <= ? AND status = 'OPEN'", Timestamp.from(now))
                : JdbcProcurement.tenders(jdbc, "WHERE opening_time <= ? AND tender_id = ?", Timestamp.from(now), onlyTender);
        List<String> opened = new ArrayList<>();
        if (!due.isEmpty()) {
            Path scratch = props.work().resolve("opening-" + runId);
            SealedBidOpener opener = new SealedBidOpener(agency(), new org.edibatch.signature.CmsVerifier(
                    org.edibatch.intake.FileSignatureCheck.trustStore(props.trust(), true)), scratch);
            for (JdbcProcurement.Tender t : due) {
                open(runId, t, opener, now);
                opened.add(t.id());
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

    private void open(long runId, JdbcProcurement.Tender t, SealedBidOpener opener, Instant now) {
        List<AwardRule.OpenedBid> openedBids = new ArrayList<>();
        List<int[]> picks = new ArrayList<>();
        ProcurementFiles files = new ProcurementFiles(jdbc);
        List<Received> received = received(t.id());
        for (Received r : received) {
            try {
                PriceDocument price = opener.open(r.sealed(), t.openingTime(), now);
                openedBids.add(new AwardRule.OpenedBid(r.sealed().bidId(), r.sealed().bidderId(), r.receiptNo(),
                        r.sealed().receivedAt(), price.amount()));
                picks.add(new int[]{r.pick1(), r.pick2()});
            } catch (ProcurementFormatException e) {
                jdbc.update("INSERT INTO bid_opening (bid_id, tender_id, outcome, reason_code, run_id) "
                        + "VALUES (?,?,'UNOPENABLE',?,?) ON CONFLICT DO NOTHING", r.sealed().bidId(), t.id(),
                        e.code().name(), runId);
                files.exception(runId, r.fileId(), 1, "OPENING", r.sealed().bidderId(), r.fileName(), e.code().name(),
                        "tender " + t.id() + ": " + e.code().text() + " " + e.getMessage());
            }
        }
        List<BigDecimal> prices = PreliminaryPriceDraw.draw(t.seed(), t.id(), t.base(), t.rangePct());
        ReservePrice reserve = ReservePrice.of(prices, picks);
        AwardRule.Decision decision = AwardRule.decide(reserve.amount(), t.rate(), openedBids);
        for (int band = 1; band <= PreliminaryPriceDraw.BANDS; band++) {
            jdbc.update("INSERT INTO tender_draw (tender_id, band, price, picks, chosen) VALUES (?,?,?,?,?) "
                    + "ON CONFLICT DO NOTHING", t.id(), band, prices.get(band - 1), reserve.pickCounts().get(band - 1),
                    reserve.chosenBands().contains(band));
        }
        Map<Long, Received> byId = new java.util.HashMap<>();
        received.forEach(r -> byId.put(r.sealed().bidId(), r));
        for (AwardRule.Ranked r : decision.ranking()) {
            ProcurementCode code = switch (r.standing()) {
                case ELIGIBLE -> null;
                case BELOW_LOWER_LIMIT -> ProcurementCode.O20;
                case ABOVE_RESERVE -> ProcurementCode.O21;
            };
            jdbc.update("INSERT INTO bid_opening (bid_id, tender_id, outcome, reason_code, price, rank, run_id) "
                            + "VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", r.bid().bidId(), t.id(), r.standing().name(),
                    code == null ? null : code.name(), r.bid().price(), r.rank(), runId);
            if (code != null) {
                Received rec = byId.get(r.bid().bidId());
                files.exception(runId, rec.fileId(), 1, "OPENING", r.bid().vendorId(), rec.fileName(), code.name(),
                        "tender " + t.id() + ": " + code.text() + " price " + r.bid().price().toPlainString()
                                + ", reserve " + reserve.amount().toPlainString());
            }
        }
        var winner = decision.winner();
        String key = "AWARD:" + t.id();
        jdbc.update("INSERT INTO award (tender_id, run_id, opened_at, reserve_price, lower_limit_amount, result, "
                        + "winner_bid_id, winner_vendor_id, award_amount, journal_key) VALUES (?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT DO NOTHING", t.id(), runId, Timestamp.from(now), reserve.amount(),
                decision.lowerLimitAmount(), winner.isPresent() ? "AWARDED" : "NO_ELIGIBLE_BID",
                winner.map(AwardRule.OpenedBid::bidId).orElse(null), winner.map(AwardRule.OpenedBid::vendorId).orElse(null),
                winner.map(AwardRule.OpenedBid::price).orElse(null), winner.isPresent() ? key : null);
        Map<String, Object> stored = jdbc.queryForMap("SELECT reserve_price, winner_bid_id FROM award WHERE tender_id = ?", t.id());
        if (((BigDecimal) stored.get("reserve_price")).compareTo(reserve.amount()) != 0
                || !java.util.Objects.equals(stored.get("winner_bid_id"), winner.map(AwardRule.OpenedBid::bidId).orElse(null))) {
            throw new IllegalStateException("reopening tender " + t.id() + " disagrees with its recorded award");
        }
        winner.ifPresent(w -> ledger.post(new JournalEntry(key, "PROCUREMENT",
                LocalDate.ofInstant(t.openingTime(), clock.getZone()),
                "award of tender " + t.id() + " to " + w.vendorId(), t.id() + "/" + w.receiptNo(), List.of(
                JournalLine.debit("5300", t.agencyId(), w.price()),
                JournalLine.credit("2300", w.vendorId(), w.price()))), runId));
        jdbc.update("UPDATE tender SET status = 'OPENED' WHERE tender_id = ?", t.id());
    }

    private List<Received> received(String tenderId) {
        return jdbc.query("SELECT b.id, b.tender_id, b.bidder_id, v.brn, b.received_at, b.sealed_price, b.file_id, "
                        + "f.original_name, r.receipt_no, b.pick1, b.pick2 FROM bid b JOIN bid_receipt r ON r.bid_id = b.id "
                        + "JOIN inbound_file f ON f.id = b.file_id LEFT JOIN ref_vendor v ON v.vendor_id = b.bidder_id "
                        + "WHERE b.tender_id = ? AND b.status = 'RECEIVED' ORDER BY b.id",
                (rs, n) -> new Received(new SealedBidOpener.Sealed(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getBytes(6)), rs.getLong(7), rs.getString(8),
                        rs.getString(9), rs.getInt(10), rs.getInt(11)), tenderId);
    }
}
