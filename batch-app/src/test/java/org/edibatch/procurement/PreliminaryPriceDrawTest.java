package org.edibatch.procurement;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreliminaryPriceDrawTest {

    /** Computed independently (Python, exact fractions) from the rule documented on the class. */
    static final List<Long> T1 = List.of(491230083L, 492107004L, 493095162L, 494005740L, 495985232L, 496883432L,
            498170391L, 500609431L, 501794393L, 502359466L, 504030794L, 505645259L, 506964524L, 507928130L, 509523453L);

    @Test
    void theDrawIsTheDocumentedFunctionOfSeedAndTender() {
        assertThat(PreliminaryPriceDraw.draw("SEED-T1", "T2026-0001", new BigDecimal("500000000"), new BigDecimal("2")))
                .extracting(BigDecimal::longValueExact).containsExactlyElementsOf(T1);
    }

    @Test
    void eachPriceLiesInItsOwnBandOfPlusMinusThreePercent() {
        // 200,000,000 +-3%: 194,000,000..206,000,000 in bands of 800,000
        List<BigDecimal> prices = PreliminaryPriceDraw.draw("s", "T", new BigDecimal("200000000"), new BigDecimal("3"));
        for (int band = 1; band <= 15; band++) {
            long low = 194_000_000L + (band - 1) * 800_000L;
            assertThat(prices.get(band - 1).longValueExact()).isBetween(low, low + 800_000L);
        }
    }

    @Test
    void anotherSeedOrTenderGivesAnotherDraw() {
        BigDecimal base = new BigDecimal("500000000");
        BigDecimal r = new BigDecimal("2");
        assertThat(PreliminaryPriceDraw.draw("SEED-T1", "T2026-0001", base, r))
                .isEqualTo(PreliminaryPriceDraw.draw("SEED-T1", "T2026-0001", base, r))
                .isNotEqualTo(PreliminaryPriceDraw.draw("SEED-T2", "T2026-0001", base, r))
                .isNotEqualTo(PreliminaryPriceDraw.draw("SEED-T1", "T2026-0009", base, r));
    }
}
