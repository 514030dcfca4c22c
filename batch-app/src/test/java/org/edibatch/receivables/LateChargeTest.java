package org.edibatch.receivables;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The late-payment charge by hand: 339,835 KRW unpaid at its due date 2026-12-13, 3 % once plus 0.022 % a day,
 * truncated to whole won.
 */
class LateChargeTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 13);
    private static final BigDecimal UNPAID = new BigDecimal("339835");
    private static final LateCharge CHARGE = new LateCharge(List.of(new LateCharge.Rate(LocalDate.of(2020, 1, 1),
            LocalDate.of(9999, 12, 31), new BigDecimal("3"), new BigDecimal("0.022"))));

    @Test
    void oneDayLate() {
        // 339,835 x (3 % + 1 x 0.022 %) = 10,195.05 + 74.7637 = 10,269.8137
        assertThat(CHARGE.charge(UNPAID, DUE, DUE.plusDays(1))).isEqualByComparingTo("10269");
    }

    @Test
    void thirtyOneDaysLate() {
        // 339,835 x (3 % + 31 x 0.022 %) = 10,195.05 + 2,317.6747 = 12,512.7247
        assertThat(CHARGE.charge(UNPAID, DUE, LocalDate.of(2027, 1, 13))).isEqualByComparingTo("12512");
    }

    @Test
    void oneHundredTwentyDaysLate() {
        // 339,835 x (3 % + 120 x 0.022 %) = 10,195.05 + 8,971.644 = 19,166.694
        assertThat(CHARGE.charge(UNPAID, DUE, DUE.plusDays(120))).isEqualByComparingTo("19166");
        assertThat(LateCharge.daysLate(DUE, LocalDate.of(2027, 4, 12))).isEqualTo(120);
    }

    @Test
    void nothingOnOrBeforeTheDueDateNorOnNothingUnpaid() {
        assertThat(CHARGE.charge(UNPAID, DUE, DUE)).isEqualByComparingTo("0");
        assertThat(CHARGE.charge(UNPAID, DUE, DUE.minusDays(3))).isEqualByComparingTo("0");
        assertThat(CHARGE.charge(BigDecimal.ZERO, DUE, DUE.plusDays(40))).isEqualByComparingTo("0");
    }

    @Test
    void theRateIsTheOneOfTheDueDateAndAGapIsAFault() {
        LateCharge dated = new LateCharge(List.of(
                new LateCharge.Rate(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 12, 31), new BigDecimal("3"),
                        new BigDecimal("0.022")),
                new LateCharge.Rate(LocalDate.of(2027, 1, 1), LocalDate.of(9999, 12, 31), new BigDecimal("2"),
                        new BigDecimal("0.02"))));
        // due 2026-12-13, paid late in 2027: still the 2026 row
        assertThat(dated.charge(UNPAID, DUE, DUE.plusDays(1))).isEqualByComparingTo("10269");
        // due 2027-01-05, 10 days late: 339,835 x (2 % + 10 x 0.02 %) = 6,796.70 + 679.67 = 7,476.37
        assertThat(dated.charge(UNPAID, LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 15)))
                .isEqualByComparingTo("7476");
        assertThatThrownBy(() -> dated.charge(UNPAID, LocalDate.of(2019, 12, 31), LocalDate.of(2020, 1, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2019-12-31");
    }
}
