package org.edibatch.ledger;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ProcurementPostingsTest {

    @Test
    void anAwardCommitsTheAgencyAndOwesTheVendorTheAwardAmount() {
        JournalEntry e = ProcurementPostings.forAward("T1", "AG01", "V001", "R0000000007", new BigDecimal("900000"),
                LocalDate.of(2026, 3, 2));
        assertThat(e.idempotencyKey()).isEqualTo("AWARD:T1");
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("5300", "AG01", new BigDecimal("900000")),
                JournalLine.credit("2300", "V001", new BigDecimal("900000")));
    }
}
