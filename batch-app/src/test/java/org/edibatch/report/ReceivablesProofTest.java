package org.edibatch.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivablesProofTest {

    @Test
    void theBalanceMustEqualTheOpenAmountsLessTheCreditBalancesNotYetRefunded() {
        // 120,000 open, 20,000 paid beyond a lowered tax and not yet moved: the account holds 100,000
        assertThat(RunReport.receivables(new ReportRepository.Receivables(new BigDecimal("100000"),
                new BigDecimal("120000"), new BigDecimal("20000"))))
                .isEqualTo("receivables: 1100 balance 100000 KRW = open amounts 120000 - credit balances not yet "
                        + "refunded 20000 KRW: proven\n");
        assertThat(RunReport.receivables(new ReportRepository.Receivables(new BigDecimal("120000"),
                new BigDecimal("120000"), new BigDecimal("20000")))).endsWith(": DIFFERS\n");
    }
}
