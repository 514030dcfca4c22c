package org.edibatch.procurement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tenders and what their opening records: the draw, each bid's outcome, the award and the notices sent. The
 * opening's rows are inserted only once, so a reopening recomputes and inserts nothing new.
 */
public final class TenderRepository {

    private final JdbcTemplate jdbc;

    public TenderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Tender(String id, String agencyId, TenderStatus status, Instant deadline, Instant openingTime,
                         BigDecimal base, BigDecimal rangePct, BigDecimal rate, String seed, String contractKind,
                         LocalDate issueDate, String fileName) {

        public TenderOpening.Terms terms() {
            return new TenderOpening.Terms(id, base, rangePct, rate, seed);
        }
    }

    /** A tender notice accepted for loading, with its lower-limit rate and draw seed. */
    public record NewTender(String id, long runId, String fileName, String sha, String agencyId, String title,
                            String contractKind, LocalDate issueDate, BigDecimal base, BigDecimal rangePct,
                            Instant deadline, Instant openingTime, BigDecimal rate, String seed, Instant loadedAt) {
    }

    private static final String TENDER_COLUMNS = "SELECT tender_id, agency_id, status, bid_deadline, opening_time, "
            + "base_amount, range_pct, lower_limit_rate, draw_seed, contract_kind, issue_date, file_name FROM tender ";

    private static final RowMapper<Tender> TENDER = (rs, n) -> new Tender(rs.getString(1), rs.getString(2),
            TenderStatus.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
            rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10),
            rs.getDate(11).toLocalDate(), rs.getString(12));

    public LowerLimitRates lowerLimitRates() {
        return new LowerLimitRates(jdbc.query("SELECT contract_kind, min_amount_krw, max_amount_krw, valid_from, valid_to, "
                        + "rate_pct FROM ref_lower_limit_rate ORDER BY contract_kind, min_amount_krw, valid_from",
                (rs, n) -> new LowerLimitRates.Row(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getBigDecimal(6))));
    }

    /**
     * The qualification review rule and the vendors' non-price points for a tender, both as of its issue date.
     * A tender loaded with a lower-limit rate has a rule (the bands are the same); one without is a reference
     * data error that stops the opening rather than award by guess.
     */
    public QualificationReview.Criteria criteria(Tender t) {
        List<QualificationReview.Rule> rules = jdbc.query("SELECT contract_kind, min_amount_krw, max_amount_krw, "
                        + "valid_from, valid_to, price_points, slope, target_ratio_pct, pass_mark FROM ref_qualification_rule "
                        + "WHERE contract_kind = ? ORDER BY min_amount_krw, valid_from",
                (rs, n) -> new QualificationReview.Rule(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9)), t.contractKind());
        QualificationReview.Rule rule = QualificationReview.rule(rules, t.contractKind(), t.base(), t.issueDate())
                .orElseThrow(() -> new IllegalStateException("no qualification review rule in reference data for "
                        + "tender " + t.id() + " (" + t.contractKind() + ", " + t.base().toPlainString() + " KRW, issued "
                        + t.issueDate() + "): add one to qualification-rules.csv"));
        Map<String, BigDecimal> points = new java.util.HashMap<>();
        jdbc.query("SELECT vendor_id, non_price_points FROM ref_vendor_qualification WHERE contract_kind = ? "
                        + "AND valid_from <= ? AND valid_to >= ? ORDER BY vendor_id",
                rs -> {
                    points.put(rs.getString(1), rs.getBigDecimal(2));
                }, t.contractKind(), java.sql.Date.valueOf(t.issueDate()), java.sql.Date.valueOf(t.issueDate()));
        return new QualificationReview.Criteria(rule, points);
    }

    public Optional<Tender> find(String id) {
        return jdbc.query(TENDER_COLUMNS + "WHERE tender_id = ? ORDER BY tender_id", TENDER, id).stream().findFirst();
    }

    /** The tenders among {@code ids}, by id: one query for a window of bids. */
    public Map<String, Tender> findAll(java.util.Collection<String> ids) {
        Map<String, Tender> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement(TENDER_COLUMNS + "WHERE tender_id = ANY(?)");
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            Tender t = TENDER.mapRow(rs, 0);
            found.put(t.id(), t);
        });
        return found;
    }

    public boolean exists(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tender WHERE tender_id = ?", Integer.class, id) > 0;
    }

    /** Open tenders whose opening time has come, by id. */
    public List<Tender> dueForOpening(Instant now) {
        return jdbc.query(TENDER_COLUMNS + "WHERE opening_time <= ? AND status = 'OPEN' ORDER BY tender_id", TENDER,
                Timestamp.from(now));
    }

    /** The named tender if its opening time has come, open or already opened. */
    public List<Tender> dueForReopening(Instant now, String id) {
        return jdbc.query(TENDER_COLUMNS + "WHERE opening_time <= ? AND tender_id = ? ORDER BY tender_id", TENDER,
                Timestamp.from(now), id);
    }

    public void insert(NewTender t) {
        jdbc.update("INSERT INTO tender (tender_id, run_id, file_name, file_sha256, agency_id, title, contract_kind, "
                        + "issue_date, base_amount, range_pct, bid_deadline, opening_time, lower_limit_rate, draw_seed, "
                        + "status, loaded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                t.id(), t.runId(), t.fileName(), t.sha(), t.agencyId(), t.title(), t.contractKind(),
                java.sql.Date.valueOf(t.issueDate()), t.base(), t.rangePct(), Timestamp.from(t.deadline()),
                Timestamp.from(t.openingTime()), t.rate(), t.seed(), TenderStatus.OPEN.code(),
                Timestamp.from(t.loadedAt()));
    }

    /** Marks the tender opened, or failed (유찰) when its opening awarded nothing. */
    public void markOpened(String id, AwardResult result) {
        jdbc.update("UPDATE tender SET status = ? WHERE tender_id = ?", (result == AwardResult.FAILED
                ? TenderStatus.FAILED : TenderStatus.OPENED).code(), id);
    }

    /** Records the draw: every band of a tender, in one round trip. */
    public void insertDraws(String tenderId, List<TenderOpening.Band> bands) {
        List<Object[]> rows = new java.util.ArrayList<>(bands.size());
        for (TenderOpening.Band b : bands) {
            rows.add(new Object[]{tenderId, b.band(), b.price(), b.picks(), b.chosen()});
        }
        jdbc.batchUpdate("INSERT INTO tender_draw (tender_id, band, price, picks, chosen) VALUES (?,?,?,?,?) "
                + "ON CONFLICT DO NOTHING", rows);
    }

    /** Records the outcomes of a tender's bids in one round trip; the price and rank of an unopenable bid stay empty. */
    public void insertOpenings(String tenderId, List<TenderOpening.Verdict> verdicts, long runId) {
        List<Object[]> rows = new java.util.ArrayList<>(verdicts.size());
        for (TenderOpening.Verdict v : verdicts) {
            boolean unopenable = v.outcome() == OpeningOutcome.UNOPENABLE;
            QualificationReview.Score score = unopenable ? null : v.score();
            rows.add(new Object[]{v.bidId(), tenderId, v.outcome().code(), v.reason() == null ? null : v.reason().name(),
                    unopenable ? null : v.price(), unopenable ? null : v.rank(), runId,
                    score == null ? null : score.passed() ? "PASSED" : "FAILED",
                    score == null ? null : score.nonPricePoints(), score == null ? null : score.pricePoints(),
                    score == null ? null : score.total()});
        }
        jdbc.batchUpdate("INSERT INTO bid_opening (bid_id, tender_id, outcome, reason_code, price, rank, run_id, review, "
                + "non_price_points, price_points, score) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", rows,
                new int[]{java.sql.Types.BIGINT, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
                        java.sql.Types.NUMERIC, java.sql.Types.INTEGER, java.sql.Types.BIGINT, java.sql.Types.VARCHAR,
                        java.sql.Types.NUMERIC, java.sql.Types.NUMERIC, java.sql.Types.NUMERIC});
    }

    /**
     * Records the award unless one is recorded, then checks the recorded one says the same (reserve price and
     * winner): a reopening that disagreed with it fails loudly.
     */
    public void insertAward(String tenderId, long runId, Instant openedAt, TenderOpening.Result r, String journalKey,
                            String retenderId) {
        var winner = r.winner();
        jdbc.update("INSERT INTO award (tender_id, run_id, opened_at, reserve_price, lower_limit_amount, result, "
                        + "winner_bid_id, winner_vendor_id, award_amount, journal_key, fail_code, pass_mark, retender_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", tenderId, runId,
                Timestamp.from(openedAt), r.reservePrice(), r.lowerLimitAmount(), r.result().code(),
                winner.map(AwardRule.OpenedBid::bidId).orElse(null), winner.map(AwardRule.OpenedBid::vendorId).orElse(null),
                winner.map(AwardRule.OpenedBid::price).orElse(null), winner.isPresent() ? journalKey : null,
                r.failReason() == null ? null : r.failReason().name(), r.passMark(), retenderId);
        Map<String, Object> stored = jdbc.queryForMap("SELECT reserve_price, winner_bid_id, fail_code FROM award "
                + "WHERE tender_id = ?", tenderId);
        if (((BigDecimal) stored.get("reserve_price")).compareTo(r.reservePrice()) != 0
                || !Objects.equals(stored.get("winner_bid_id"), winner.map(AwardRule.OpenedBid::bidId).orElse(null))
                || !Objects.equals(stored.get("fail_code"), r.failReason() == null ? null : r.failReason().name())) {
            throw new IllegalStateException("reopening tender " + tenderId + " disagrees with its recorded award");
        }
    }

    /** The tenders whose opening the run recorded, and the reopened one when named, by id. */
    public List<String> openedBy(long runId, String reopened) {
        return jdbc.queryForList("SELECT tender_id FROM award WHERE run_id = ? OR tender_id = ? ORDER BY tender_id",
                String.class, runId, reopened);
    }

    /** The award notice of an opened tender, from what the opening recorded. */
    public AwardNoticeXml.Notice notice(String tenderId) {
        Map<String, Object> a = jdbc.queryForMap("SELECT t.agency_id, a.opened_at, t.draw_seed, t.lower_limit_rate, "
                + "a.reserve_price, a.lower_limit_amount, a.result, a.winner_vendor_id, a.award_amount, a.fail_code, "
                + "a.pass_mark, a.retender_id "
                + "FROM award a JOIN tender t ON t.tender_id = a.tender_id WHERE a.tender_id = ?", tenderId);
        List<AwardNoticeXml.Band> bands = jdbc.query("SELECT band, price, picks, chosen FROM tender_draw "
                        + "WHERE tender_id = ? ORDER BY band",
                (rs, n) -> new AwardNoticeXml.Band(rs.getInt(1), rs.getBigDecimal(2), rs.getInt(3), rs.getBoolean(4)),
                tenderId);
        // ranked first, then ineligible by price, then unopenable: the order officers and bidders read
        List<AwardNoticeXml.Line> lines = jdbc.query("SELECT b.bidder_id, r.receipt_no, o.outcome, o.reason_code, "
                        + "o.price, o.rank, o.review, o.non_price_points, o.price_points, o.score, b.format, b.bid_ref "
                        + "FROM bid_opening o JOIN bid b ON b.id = o.bid_id JOIN bid_receipt r ON r.bid_id = b.id "
                        + "WHERE o.tender_id = ? ORDER BY o.rank NULLS LAST, o.price NULLS LAST, b.received_at, r.receipt_no",
                (rs, n) -> new AwardNoticeXml.Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), (Integer) rs.getObject(6), rs.getString(7), points(rs.getBigDecimal(8)),
                        points(rs.getBigDecimal(9)), points(rs.getBigDecimal(10)), rs.getString(11), rs.getString(12)),
                tenderId);
        return new AwardNoticeXml.Notice(tenderId, (String) a.get("agency_id"),
                ((Timestamp) a.get("opened_at")).toInstant(), (String) a.get("draw_seed"),
                (BigDecimal) a.get("lower_limit_rate"), bands, (BigDecimal) a.get("reserve_price"),
                ((BigDecimal) a.get("lower_limit_amount")).stripTrailingZeros(), (String) a.get("result"),
                (String) a.get("winner_vendor_id"), (BigDecimal) a.get("award_amount"), (String) a.get("fail_code"),
                points((BigDecimal) a.get("pass_mark")), (String) a.get("retender_id"), lines);
    }

    /** Points as stored, without the column's trailing zeros but with at least 2 decimals: 95.00, 67.84. */
    private static BigDecimal points(BigDecimal p) {
        if (p == null) {
            return null;
        }
        BigDecimal s = p.stripTrailingZeros();
        return s.scale() < 2 ? s.setScale(2) : s;
    }

    /** What a re-tender notice of a failed tender needs; empty unless the tender failed. */
    public Optional<RetenderNotice.Failed> failed(String tenderId) {
        return jdbc.query("SELECT t.tender_id, t.agency_id, t.title, t.contract_kind, t.base_amount, t.range_pct, "
                        + "t.bid_deadline, t.opening_time, a.opened_at FROM tender t JOIN award a ON a.tender_id = t.tender_id "
                        + "WHERE t.tender_id = ? AND a.result = 'FAILED' ORDER BY t.tender_id",
                (rs, n) -> new RetenderNotice.Failed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()), tenderId).stream().findFirst();
    }

    /** The inbound file the tender notice came in (same run, name and digest as the tender records). */
    public long noticeFileId(String tenderId) {
        return jdbc.queryForObject("SELECT MIN(f.id) FROM inbound_file f JOIN tender t ON t.run_id = f.run_id "
                + "AND t.file_name = f.original_name AND t.file_sha256 = f.sha256 WHERE t.tender_id = ?", Long.class, tenderId);
    }

    /** Records the re-tender notice written for a failed tender; a rewrite replaces the row. */
    public void recordRetender(String tenderId, String retenderId, String path, String sha) {
        jdbc.update("INSERT INTO retender_notice (tender_id, retender_id, path, sha256) VALUES (?,?,?,?) "
                        + "ON CONFLICT (tender_id) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256",
                tenderId, retenderId, path, sha);
    }

    /** A notice sent to a bidder: where, and the SHA-256 of its bytes. */
    public record Sent(String bidderId, String path, String sha) {
    }

    /** Records the notices sent to a tender's bidders in one round trip; a rewrite replaces the rows. */
    public void recordNotices(String tenderId, List<Sent> sent) {
        List<Object[]> rows = new java.util.ArrayList<>(sent.size());
        for (Sent n : sent) {
            rows.add(new Object[]{tenderId, n.bidderId(), n.path(), n.sha()});
        }
        jdbc.batchUpdate("INSERT INTO award_notice (tender_id, bidder_id, path, sha256) VALUES (?,?,?,?) "
                + "ON CONFLICT (tender_id, bidder_id) DO UPDATE SET path = EXCLUDED.path, sha256 = EXCLUDED.sha256", rows);
    }
}
