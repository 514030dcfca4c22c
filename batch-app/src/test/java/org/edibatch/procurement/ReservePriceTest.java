package org.edibatch.procurement;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReservePriceTest {

    /** Band n costs 1,000,000 + n x 1,001 won, easy to add up by hand. */
    private static List<BigDecimal> prices() {
        List<BigDecimal> p = new ArrayList<>();
        for (int n = 1; n <= 15; n++) {
            p.add(BigDecimal.valueOf(1_000_000L + n * 1_001L));
        }
        return p;
    }

    @Test
    void theFourMostPickedAreAveragedAndPickCountTiesGoToTheLowerBand() {
        // counts: 9 -> 3, 4 -> 2, 11 -> 2, 6 -> 1, 14 -> 1, 2 -> 1: the last place ties at 1 between 2, 6 and 14
        List<int[]> picks = List.of(new int[]{9, 4}, new int[]{9, 11}, new int[]{9, 6}, new int[]{4, 11},
                new int[]{14, 2});
        ReservePrice r = ReservePrice.of(prices(), picks);
        assertThat(r.chosenBands()).containsExactly(9, 4, 11, 2);
        // (1,009,009 + 1,004,004 + 1,011,011 + 1,002,002) / 4 = 4,026,026 / 4 = 1,006,506.5 -> truncated
        assertThat(r.amount()).isEqualByComparingTo("1006506");
        assertThat(r.pickCounts().get(8)).isEqualTo(3);
    }

    @Test
    void withFewerThanFourPickedNumbersTheNextBandsInOrderComplete() {
        // a single bid picking 7 and 12: then bands 1 and 2
        ReservePrice r = ReservePrice.of(prices(), List.<int[]>of(new int[]{12, 7}));
        assertThat(r.chosenBands()).containsExactly(7, 12, 1, 2);
        // (1,007,007 + 1,012,012 + 1,001,001 + 1,002,002) / 4 = 4,022,022 / 4 = 1,005,505.5 -> 1,005,505
        assertThat(r.amount()).isEqualByComparingTo("1005505");
    }

    @Test
    void withoutAnyBidTheFirstFourBandsMakeTheReservePrice() {
        ReservePrice r = ReservePrice.of(prices(), List.of());
        assertThat(r.chosenBands()).containsExactly(1, 2, 3, 4);
        // (1,001,001 + 1,002,002 + 1,003,003 + 1,004,004) / 4 = 4,010,010 / 4 = 1,002,502.5 -> 1,002,502
        assertThat(r.amount()).isEqualByComparingTo("1002502");
    }
}
