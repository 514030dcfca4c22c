package org.edibatch.procurement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who may be screened by qualification review: a bid is eligible when
 * reserve x rate / 100 &lt;= price &lt;= reserve (the limit is compared exactly, never rounded); eligible bids
 * are ranked by price, the lowest first, and screened in that order ({@link TenderOpening}). Ties in price are decided by the earlier time of receipt, then the lower receipt
 * number (receipt numbers are issued in order of registration), which makes the lot deterministic and
 * rewards the bidder who committed first.
 */
public final class AwardRule {

    public enum Standing { ELIGIBLE, BELOW_LOWER_LIMIT, ABOVE_RESERVE }

    public record OpenedBid(long bidId, String vendorId, String receiptNo, Instant receivedAt, BigDecimal price) {
    }

    /** @param rank 1-based among eligible bids, null for an ineligible one */
    public record Ranked(OpenedBid bid, Standing standing, Integer rank) {
    }

    /** @param ranking eligible bids by rank, then ineligible ones by price and receipt */
    public record Decision(BigDecimal lowerLimitAmount, List<Ranked> ranking) {
        /** The lowest eligible bid: the first candidate screened. */
        public Optional<OpenedBid> firstCandidate() {
            return ranking.stream().filter(r -> Integer.valueOf(1).equals(r.rank())).map(Ranked::bid).findFirst();
        }
    }

    private static final Comparator<OpenedBid> ORDER = Comparator.comparing(OpenedBid::price)
            .thenComparing(OpenedBid::receivedAt)
            .thenComparing(OpenedBid::receiptNo);

    private AwardRule() {
    }

    public static BigDecimal lowerLimit(BigDecimal reserve, BigDecimal ratePct) {
        return reserve.multiply(ratePct).movePointLeft(2);
    }

    public static Decision decide(BigDecimal reserve, BigDecimal ratePct, List<OpenedBid> bids) {
        BigDecimal limit = lowerLimit(reserve, ratePct);
        List<OpenedBid> sorted = new ArrayList<>(bids);
        sorted.sort(ORDER);
        List<Ranked> eligible = new ArrayList<>();
        List<Ranked> others = new ArrayList<>();
        for (OpenedBid b : sorted) {
            if (b.price().compareTo(limit) < 0) {
                others.add(new Ranked(b, Standing.BELOW_LOWER_LIMIT, null));
            } else if (b.price().compareTo(reserve) > 0) {
                others.add(new Ranked(b, Standing.ABOVE_RESERVE, null));
            } else {
                eligible.add(new Ranked(b, Standing.ELIGIBLE, eligible.size() + 1));
            }
        }
        eligible.addAll(others);
        return new Decision(limit, List.copyOf(eligible));
    }
}
