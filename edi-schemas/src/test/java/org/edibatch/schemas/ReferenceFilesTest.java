package org.edibatch.schemas;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceFilesTest {

    @Test
    void tariffHoldsAtLeastFiftyTenDigitHskCodes() {
        ReferenceFiles.Table tariff = ReferenceFiles.load("tariff");
        assertThat(tariff.rows()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(tariff.rows()).allSatisfy(r -> assertThat(r.get("hs_code")).matches("\\d{10}"));
        assertThat(tariff.sha256()).hasSize(64);
    }

    @Test
    void exchangeRateWeeksRunSundayToSaturday() {
        for (Map<String, String> r : ReferenceFiles.load("exchange-rates").rows()) {
            LocalDate start = LocalDate.parse(r.get("week_start"));
            assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(LocalDate.parse(r.get("week_end"))).isEqualTo(start.plusDays(6));
        }
    }

    @Test
    void quotedFieldsKeepTheirCommas() {
        assertThat(ReferenceFiles.split("a,\"b, c\",d")).containsExactly("a", "b, c", "d");
    }

    @Test
    void everyMessageSchemaParses() {
        assertThat(MessageSchemas.forType("CUSDEC")).isNotNull();
        assertThat(MessageSchemas.forType("CUSRES")).isNotNull();
        assertThat(MessageSchemas.forType("CONTRL")).isNotNull();
        assertThat(MessageSchemas.forType(MessageSchemas.AWARD_NOTICE)).isNotNull();
        assertThat(MessageSchemas.forType("CREMUL")).isNotNull();
        assertThat(MessageSchemas.forType("INVOIC")).isNull();
    }
}
