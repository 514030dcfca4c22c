package org.edibatch.procurement;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenderOpeningTest {

    private static final Instant NINE = Instant.parse("2026-03-02T00:00:00Z");
    private static final TenderOpening.Terms TERMS = new TenderOpening.Terms("T1", new BigDecimal("1000000"),
            new BigDecimal("3"), new BigDecimal("88"), "seed");
    /** The 2026 construction rule (70 - 4 x |90 - ratio|, pass 95) with every vendor at full non-price points. */
    static final QualificationReview.Rule RULE = new QualificationReview.Rule("CONSTRUCTION", BigDecimal.ZERO,
            new BigDecimal("1000000000"), java.time.LocalDate.of(2026, 1, 30), java.time.LocalDate.of(9999, 12, 31),
            new BigDecimal("70"), new BigDecimal("4"), new BigDecimal("90"), new BigDecimal("95"));
    private static final QualificationReview.Criteria ALL_QUALIFY = new QualificationReview.Criteria(RULE,
            java.util.Map.of("V1", new BigDecimal("30"), "V2", new BigDecimal("30"), "V3", new BigDecimal("30"),
                    "V4", new BigDecimal("30")));

    /** Band n costs 1,000,000 + n x 1,001 won. */
    private static List<BigDecimal> prices() {
        List<BigDecimal> p = new ArrayList<>();
        for (int n = 1; n <= 15; n++) {
            p.add(BigDecimal.valueOf(1_000_000L + n * 1_001L));
        }
        return p;
    }

    private static TenderOpening.Bid bid(long id, int seconds, int pick1, int pick2, String price) {
        return TenderOpening.Bid.opened(id, "V" + id, BidRepository.receiptNo(id), NINE.plusSeconds(seconds), pick1,
                pick2, new BigDecimal(price));
    }

    @Test
    void ranksEligibleBidsAwardsTheLowestAndSaysWhyTheOthersCannotWin() {
        List<TenderOpening.Bid> bids = List.of(
                bid(1, 10, 9, 4, "900000"),
                bid(2, 20, 9, 11, "880000"),
                bid(3, 30, 9, 6, "1010000"),
                bid(4, 40, 4, 11, "900000"),
                TenderOpening.Bid.unopenable(5, "V5", BidRepository.receiptNo(5), NINE.plusSeconds(50),
                        new ProcurementFormatException(ProcurementCode.O11, "BAD_SIGNATURE")));

        TenderOpening.Result r = TenderOpening.decide(TERMS, ALL_QUALIFY, prices(), bids);

        // the unopenable bid's picks do not count: 9 -> 3, 4 -> 2, 11 -> 2, 6 -> 1
        // (1,009,009 + 1,004,004 + 1,011,011 + 1,006,006) / 4 = 4,030,030 / 4 = 1,007,507.5 -> 1,007,507
        assertThat(r.reservePrice()).isEqualByComparingTo("1007507");
        // 1,007,507 x 88 / 100 = 886,606.16, not rounded
        assertThat(r.lowerLimitAmount()).isEqualByComparingTo("886606.16");
        assertThat(r.draw()).hasSize(15);
        assertThat(r.draw().get(8)).isEqualTo(new TenderOpening.Band(9, new BigDecimal("1009009"), 3, true));
        assertThat(r.draw().get(0)).isEqualTo(new TenderOpening.Band(1, new BigDecimal("1001001"), 0, false));

        // equal prices: the earlier receipt ranks first; then the ineligible by price. V1 is screened first:
        // 900,000 / 1,007,507 = 0.89329... -> 0.8933; 70 - 4 x |90 - 89.33| = 67.32; 30 + 67.32 = 97.32 >= 95
        assertThat(r.ranking().get(0).score().total()).isEqualByComparingTo("97.32");
        assertThat(r.ranking().get(1).score()).as("not screened after the winner").isNull();
        assertThat(r.ranking()).extracting(TenderOpening.Verdict::bidId).containsExactly(1L, 4L, 2L, 3L);
        assertThat(r.ranking()).extracting(TenderOpening.Verdict::rank).containsExactly(1, 2, null, null);
        assertThat(r.ranking()).extracting(TenderOpening.Verdict::outcome).containsExactly(OpeningOutcome.ELIGIBLE,
                OpeningOutcome.ELIGIBLE, OpeningOutcome.BELOW_LOWER_LIMIT, OpeningOutcome.ABOVE_RESERVE);
        assertThat(r.ranking().get(2).reason()).isEqualTo(ProcurementCode.O20);
        assertThat(r.ranking().get(2).exceptionText()).isEqualTo("tender T1: " + ProcurementCode.O20.text()
                + " price 880000, reserve 1007507");
        assertThat(r.ranking().get(3).exceptionText()).isEqualTo("tender T1: " + ProcurementCode.O21.text()
                + " price 1010000, reserve 1007507");
        assertThat(r.ranking().get(0).exceptionText()).isNull();

        assertThat(r.unopenable()).singleElement().satisfies(v -> {
            assertThat(v.bidId()).isEqualTo(5L);
            assertThat(v.outcome()).isEqualTo(OpeningOutcome.UNOPENABLE);
            assertThat(v.exceptionText()).isEqualTo("tender T1: " + ProcurementCode.O11.text() + " BAD_SIGNATURE");
        });
        assertThat(r.result()).isEqualTo(AwardResult.AWARDED);
        assertThat(r.winner()).get().extracting(AwardRule.OpenedBid::vendorId).isEqualTo("V1");
    }

    @Test
    void withoutAnEligibleBidNothingIsAwarded() {
        TenderOpening.Result r = TenderOpening.decide(TERMS, ALL_QUALIFY, prices(), List.of(bid(1, 10, 1, 2, "2000000"),
                bid(2, 20, 1, 2, "800000")));
        assertThat(r.result()).isEqualTo(AwardResult.FAILED);
        assertThat(r.failReason()).isEqualTo(ProcurementCode.F11);
        assertThat(r.winner()).isEmpty();
    }
}
