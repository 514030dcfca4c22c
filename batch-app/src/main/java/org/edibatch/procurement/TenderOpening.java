package org.edibatch.procurement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The opening of one tender from its stored inputs: the 15 prices drawn from the recorded seed, the picks of
 * the bids whose seal opened, the reserve price, the ranking, the qualification review and the award, and why
 * each bid that cannot win is out. No database and no keys: the same inputs give the same result, which is what
 * lets a reopening be checked against the recorded award.
 *
 * <p>A bid is <em>valid</em> when it was received at intake and its seal opened (price document signed by the
 * bidder, naming this tender): a price outside the limits leaves a bid valid but not eligible. With fewer than
 * two valid bids the tender fails (F10) without review. Otherwise the eligible bids are screened in rank order
 * and the first whose score reaches the pass mark wins; none eligible fails the tender with F11, none passing
 * with F12. Candidates ranked after the winner are not screened.
 */
public final class TenderOpening {

    /** What the tender fixed when it was loaded. */
    public record Terms(String tenderId, BigDecimal baseAmount, BigDecimal rangePct, BigDecimal lowerLimitRatePct,
                        String drawSeed) {
    }

    /** A received bid after its seal was opened: its price, or the refusal when it could not be opened. */
    public record Bid(long bidId, String vendorId, String receiptNo, Instant receivedAt, int pick1, int pick2,
                      BigDecimal price, ProcurementFormatException refusal) {

        public static Bid opened(long bidId, String vendorId, String receiptNo, Instant receivedAt, int pick1,
                                 int pick2, BigDecimal price) {
            return new Bid(bidId, vendorId, receiptNo, receivedAt, pick1, pick2, price, null);
        }

        public static Bid unopenable(long bidId, String vendorId, String receiptNo, Instant receivedAt,
                                     ProcurementFormatException refusal) {
            return new Bid(bidId, vendorId, receiptNo, receivedAt, 0, 0, null, refusal);
        }
    }

    /** One preliminary price band with its picks and whether it entered the reserve price. */
    public record Band(int band, BigDecimal price, int picks, boolean chosen) {
    }

    /**
     * What the opening says of one bid.
     *
     * @param rank          1-based among eligible bids, null otherwise
     * @param reason        why the bid cannot win, null for an eligible one
     * @param exceptionText the line for the exception file, null for an eligible one
     */
    public record Verdict(long bidId, String vendorId, OpeningOutcome outcome, ProcurementCode reason,
                          BigDecimal price, Integer rank, String exceptionText, QualificationReview.Score score) {
    }

    /**
     * @param unopenable the bids whose seal did not open, in the order given
     * @param ranking    the opened bids: eligible by rank, then ineligible by price and receipt
     * @param failReason F10-F12 when the tender failed, null when awarded
     */
    public record Result(List<Band> draw, BigDecimal reservePrice, BigDecimal lowerLimitAmount,
                         List<Verdict> unopenable, List<Verdict> ranking, Optional<AwardRule.OpenedBid> winner,
                         BigDecimal passMark, ProcurementCode failReason) {

        public AwardResult result() {
            return winner.isPresent() ? AwardResult.AWARDED : AwardResult.FAILED;
        }
    }

    /** Fewer valid bids than this fail the tender (Enforcement Decree of the State Contracts Act, art. 20). */
    public static final int MIN_VALID_BIDS = 2;

    private TenderOpening() {
    }

    public static Result open(Terms terms, QualificationReview.Criteria criteria, List<Bid> bids) {
        return decide(terms, criteria, PreliminaryPriceDraw.draw(terms.drawSeed(), terms.tenderId(),
                terms.baseAmount(), terms.rangePct()), bids);
    }

    /** The opening with the 15 preliminary prices already drawn. */
    public static Result decide(Terms terms, QualificationReview.Criteria criteria, List<BigDecimal> prices,
                                List<Bid> bids) {
        String tenderId = terms.tenderId();
        List<AwardRule.OpenedBid> opened = new ArrayList<>();
        List<int[]> picks = new ArrayList<>();
        List<Verdict> unopenable = new ArrayList<>();
        for (Bid b : bids) {
            if (b.refusal() == null) {
                opened.add(new AwardRule.OpenedBid(b.bidId(), b.vendorId(), b.receiptNo(), b.receivedAt(), b.price()));
                picks.add(new int[]{b.pick1(), b.pick2()});
            } else {
                ProcurementCode code = b.refusal().code();
                unopenable.add(new Verdict(b.bidId(), b.vendorId(), OpeningOutcome.UNOPENABLE, code, null, null,
                        "tender " + tenderId + ": " + code.text() + " " + b.refusal().getMessage(), null));
            }
        }
        ReservePrice reserve = ReservePrice.of(prices, picks);
        AwardRule.Decision decision = AwardRule.decide(reserve.amount(), terms.lowerLimitRatePct(), opened);
        List<Band> draw = new ArrayList<>(PreliminaryPriceDraw.BANDS);
        for (int band = 1; band <= PreliminaryPriceDraw.BANDS; band++) {
            draw.add(new Band(band, prices.get(band - 1), reserve.pickCounts().get(band - 1),
                    reserve.chosenBands().contains(band)));
        }
        boolean enough = opened.size() >= MIN_VALID_BIDS;
        AwardRule.OpenedBid winner = null;
        List<Verdict> ranking = new ArrayList<>(decision.ranking().size());
        for (AwardRule.Ranked r : decision.ranking()) {
            ProcurementCode code = reason(r.standing());
            String text = code == null ? null : "tender " + tenderId + ": " + code.text() + " price "
                    + r.bid().price().toPlainString() + ", reserve " + reserve.amount().toPlainString();
            QualificationReview.Score score = null;
            if (enough && winner == null && r.standing() == AwardRule.Standing.ELIGIBLE) {
                score = QualificationReview.score(criteria.rule(), criteria.nonPrice(r.bid().vendorId()),
                        r.bid().price(), reserve.amount());
                if (score.passed()) {
                    winner = r.bid();
                } else {
                    code = ProcurementCode.Q01;
                    text = "tender " + tenderId + ": " + code.text() + " score " + score.total().toPlainString()
                            + " (non-price " + score.nonPricePoints().toPlainString() + ", price "
                            + score.pricePoints().toPlainString() + "), pass mark "
                            + criteria.rule().passMark().toPlainString();
                }
            }
            ranking.add(new Verdict(r.bid().bidId(), r.bid().vendorId(), OpeningOutcome.of(r.standing()), code,
                    r.bid().price(), r.rank(), text, score));
        }
        ProcurementCode failReason = null;
        if (!enough) {
            failReason = ProcurementCode.F10;
        } else if (decision.firstCandidate().isEmpty()) {
            failReason = ProcurementCode.F11;
        } else if (winner == null) {
            failReason = ProcurementCode.F12;
        }
        return new Result(List.copyOf(draw), reserve.amount(), decision.lowerLimitAmount(), List.copyOf(unopenable),
                List.copyOf(ranking), Optional.ofNullable(winner), criteria.rule().passMark(), failReason);
    }

    /** The code that tells a bidder why an opened bid cannot win; null for an eligible one. */
    public static ProcurementCode reason(AwardRule.Standing standing) {
        return switch (standing) {
            case ELIGIBLE -> null;
            case BELOW_LOWER_LIMIT -> ProcurementCode.O20;
            case ABOVE_RESERVE -> ProcurementCode.O21;
        };
    }
}
