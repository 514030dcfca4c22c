package org.edibatch.procurement;

import org.edibatch.procurement.AwardRule.OpenedBid;
import org.edibatch.procurement.AwardRule.Standing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AwardRuleTest {

    private static final BigDecimal RESERVE = new BigDecimal("100000000");
    private static final BigDecimal RATE = new BigDecimal("87.745");   // lower limit 87,745,000
    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

    private static OpenedBid bid(long id, String vendor, String receipt, int minutesAfter, long price) {
        return new OpenedBid(id, vendor, receipt, T0.plusSeconds(60L * minutesAfter), BigDecimal.valueOf(price));
    }

    @Test
    void lowestEligibleWinsAndTheLimitsAreInclusive() {
        AwardRule.Decision d = AwardRule.decide(RESERVE, RATE, List.of(
                bid(1, "A", "R01", 0, 87_744_999),   // 1 won under the limit
                bid(2, "B", "R02", 0, 87_745_000),   // exactly the limit: eligible, lowest
                bid(3, "C", "R03", 0, 100_000_000),  // exactly the reserve: eligible
                bid(4, "D", "R04", 0, 100_000_001)));
        assertThat(d.lowerLimitAmount()).isEqualByComparingTo("87745000");
        assertThat(d.firstCandidate()).map(OpenedBid::vendorId).contains("B");
        assertThat(d.ranking()).extracting(r -> r.bid().vendorId() + ":" + r.standing() + ":" + r.rank())
                .containsExactly("B:ELIGIBLE:1", "C:ELIGIBLE:2", "A:BELOW_LOWER_LIMIT:null", "D:ABOVE_RESERVE:null");
    }

    @Test
    void aPriceTieGoesToTheEarlierReceiptThenToTheLowerReceiptNumber() {
        AwardRule.Decision d = AwardRule.decide(RESERVE, RATE, List.of(
                bid(1, "LATER", "R01", 5, 90_000_000),
                bid(2, "SECOND_NO", "R03", 1, 90_000_000),
                bid(3, "FIRST_NO", "R02", 1, 90_000_000)));
        assertThat(d.ranking()).extracting(r -> r.bid().vendorId())
                .containsExactly("FIRST_NO", "SECOND_NO", "LATER");
    }

    @Test
    void aSingleEligibleBidWins() {
        assertThat(AwardRule.decide(RESERVE, RATE, List.of(bid(1, "ONLY", "R01", 0, 95_000_000))).firstCandidate())
                .map(OpenedBid::vendorId).contains("ONLY");
    }

    @Test
    void withoutAnEligibleBidThereIsNoWinner() {
        AwardRule.Decision d = AwardRule.decide(RESERVE, RATE, List.of(bid(1, "LOW", "R01", 0, 80_000_000),
                bid(2, "HIGH", "R02", 0, 120_000_000)));
        assertThat(d.firstCandidate()).isEmpty();
        assertThat(d.ranking()).extracting(AwardRule.Ranked::standing)
                .containsExactly(Standing.BELOW_LOWER_LIMIT, Standing.ABOVE_RESERVE);
        assertThat(AwardRule.decide(RESERVE, RATE, List.of()).firstCandidate()).isEmpty();
    }
}
