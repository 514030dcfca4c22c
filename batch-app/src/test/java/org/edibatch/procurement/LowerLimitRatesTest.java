package org.edibatch.procurement;

import org.edibatch.schemas.ReferenceFiles;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LowerLimitRatesTest {

    private static final LowerLimitRates SHIPPED = new LowerLimitRates(ReferenceFiles.load("lower-limit-rates").rows()
            .stream().map(r -> new LowerLimitRates.Row(r.get("contract_kind"), new BigDecimal(r.get("min_amount_krw")),
                    new BigDecimal(r.get("max_amount_krw")), LocalDate.parse(r.get("valid_from")),
                    LocalDate.parse(r.get("valid_to")), new BigDecimal(r.get("rate_pct")))).toList());

    private static String rate(String kind, long amount, String date) {
        return SHIPPED.rate(kind, BigDecimal.valueOf(amount), LocalDate.parse(date)).map(BigDecimal::toPlainString)
                .orElse("none");
    }

    @Test
    void theDecreeOf2026_01_30RaisedEveryRateByTwoPoints() {
        assertThat(rate("CONSTRUCTION", 500_000_000, "2026-01-29")).isEqualTo("87.745");
        assertThat(rate("CONSTRUCTION", 500_000_000, "2026-01-30")).isEqualTo("89.745");
        assertThat(rate("SERVICES", 200_000_000, "2026-01-29")).isEqualTo("86.995");
        assertThat(rate("SERVICES", 500_000_000, "2026-11-20")).isEqualTo("86.995");
    }

    @Test
    void aBandIncludesItsLowerBoundOnly() {
        assertThat(rate("CONSTRUCTION", 999_999_999, "2026-11-20")).isEqualTo("89.745");
        assertThat(rate("CONSTRUCTION", 1_000_000_000, "2026-11-20")).isEqualTo("88.745");
        assertThat(rate("CONSTRUCTION", 5_000_000_000L, "2026-11-20")).isEqualTo("87.495");
        assertThat(rate("CONSTRUCTION", 299_999_999, "2026-11-20")).isEqualTo("none");
        assertThat(rate("CONSTRUCTION", 10_000_000_000L, "2026-11-20")).isEqualTo("none");
    }
}
