package org.edibatch.procurement;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class RetenderNoticeTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Test
    void theNewIdIsDerivedFromTheFailedOneAndFitsTheSchema() {
        assertThat(RetenderNotice.nextId("T2026-0003")).isEqualTo("T2026-0003-R1");
        assertThat(RetenderNotice.nextId("T2026-0003-R1")).isEqualTo("T2026-0003-R2");
        assertThat(RetenderNotice.nextId("T2026-0003-R9")).isEqualTo("T2026-0003-R10");
        String longest = "A".repeat(35);
        assertThat(RetenderNotice.nextId(longest)).isEqualTo("A".repeat(32) + "-R1").hasSize(35);
    }

    @Test
    void sameTermsANewDeadlineAfterTheOpeningAndALoadableNotice() throws Exception {
        // failed tender: deadline 10:00, opening 11:30 KST; its opening was recorded at 2026-11-28 11:30:42 KST.
        // New deadline: 11:30:42 + 7 days, cut to the minute = 2026-12-05 11:30 KST; opening 90 minutes later.
        RetenderNotice.Failed failed = new RetenderNotice.Failed("T2026-0003", "AG-PPS", "Road works & drains",
                "CONSTRUCTION", new BigDecimal("800000000"), new BigDecimal("2.0"),
                Instant.parse("2026-11-28T01:00:00Z"), Instant.parse("2026-11-28T02:30:00Z"),
                Instant.parse("2026-11-28T02:30:42Z"));
        RetenderNotice.Notice n = RetenderNotice.of(failed, Duration.ofDays(7), SEOUL);
        assertThat(n.bidDeadline()).isEqualTo(Instant.parse("2026-12-05T02:30:00Z"));
        assertThat(n.openingTime()).isEqualTo(Instant.parse("2026-12-05T04:00:00Z"));
        assertThat(n.issueDate()).isEqualTo(LocalDate.of(2026, 11, 28));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RetenderNotice.write(out, n, SEOUL);
        String xml = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("<BidDeadline>2026-12-05T11:30:00+09:00</BidDeadline>").doesNotContain("DrawSeed")
                .contains("Road works &amp; drains");
        TenderNotice loaded = TenderNotice.parse(out.toByteArray());
        assertThat(loaded.tenderId()).isEqualTo("T2026-0003-R1");
        assertThat(loaded.agencyId()).isEqualTo("AG-PPS");
        assertThat(loaded.title()).isEqualTo("Road works & drains");
        assertThat(loaded.contractKind()).isEqualTo("CONSTRUCTION");
        assertThat(loaded.baseAmount()).isEqualByComparingTo("800000000");
        assertThat(loaded.rangePct()).isEqualByComparingTo("2");
        assertThat(loaded.bidDeadline()).isEqualTo(n.bidDeadline());
        assertThat(loaded.openingTime()).isEqualTo(n.openingTime());
        assertThat(loaded.drawSeed()).isNull();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        RetenderNotice.write(again, RetenderNotice.of(failed, Duration.ofDays(7), SEOUL), SEOUL);
        assertThat(again.toByteArray()).as("deterministic").isEqualTo(out.toByteArray());
    }
}
