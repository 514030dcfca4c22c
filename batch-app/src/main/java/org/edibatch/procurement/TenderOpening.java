package org.edibatch.procurement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The opening of one tender from its stored inputs: the 15 prices drawn from the recorded seed, the picks of
 * the bids whose seal opened, the reserve price, the ranking and the award, and why each bid that cannot win
 * is out. No database and no keys: the same inputs give the same result, which is what lets a reopening be
 * checked against the recorded award.
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
                          BigDecimal price, Integer rank, String exceptionText) {
    }

    /**
     * @param unopenable the bids whose seal did not open, in the order given
     * @param ranking    the opened bids: eligible by rank, then ineligible by price and receipt
     */
    public record Result(List<Band> draw, BigDecimal reservePrice, BigDecimal lowerLimitAmount,
                         List<Verdict> unopenable, List<Verdict> ranking, Optional<AwardRule.OpenedBid> winner) {

        public AwardResult result() {
            return winner.isPresent() ? AwardResult.AWARDED : AwardResult.NO_ELIGIBLE_BID;
        }
    }

    private TenderOpening() {
    }

    public static Result open(Terms terms, List<Bid> bids) {
        return decide(terms, PreliminaryPriceDraw.draw(terms.drawSeed(), terms.tenderId(), terms.baseAmount(),
                terms.rangePct()), bids);
    }

    /** The opening with the 15 preliminary prices already drawn. */
    public static Result decide(Terms terms, List<BigDecimal> prices, List<Bid> bids) {
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
                        "tender " + tenderId + ": " + code.text() + " " + b.refusal().getMessage()));
            }
        }
        ReservePrice reserve = ReservePrice.of(prices, picks);
        AwardRule.Decision decision = AwardRule.decide(reserve.amount(), terms.lowerLimitRatePct(), opened);
        List<Band> draw = new ArrayList<>(PreliminaryPriceDraw.BANDS);
        for (int band = 1; band <= PreliminaryPriceDraw.BANDS; band++) {
            draw.add(new Band(band, prices.get(band - 1), reserve.pickCounts().get(band - 1),
                    reserve.chosenBands().contains(band)));
        }
        List<Verdict> ranking = new ArrayList<>(decision.ranking().size());
        for (AwardRule.Ranked r : decision.ranking()) {
            ProcurementCode code = reason(r.standing());
            ranking.add(new Verdict(r.bid().bidId(), r.bid().vendorId(), OpeningOutcome.of(r.standing()), code,
                    r.bid().price(), r.rank(), code == null ? null : "tender " + tenderId + ": " + code.text()
                    + " price " + r.bid().price().toPlainString() + ", reserve " + reserve.amount().toPlainString()));
        }
        return new Result(List.copyOf(draw), reserve.amount(), decision.lowerLimitAmount(), List.copyOf(unopenable),
                List.copyOf(ranking), decision.winner());
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
