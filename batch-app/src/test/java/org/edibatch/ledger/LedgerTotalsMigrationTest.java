package org.edibatch.ledger;

import org.edibatch.report.RunReport;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that already holds a journal gets its run totals from that journal when it moves to V13. */
@SlowTest
class LedgerTotalsMigrationTest {

    @Test
    void theTotalsOfAnExistingJournalAreCarriedOverByTheUpgrade() {
        DriverManagerDataSource ds = new DriverManagerDataSource(TestDatabase.freshDatabaseUrl());
        Flyway.configure().dataSource(ds).target("12").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        for (int run = 1; run <= 2; run++) {
            for (int i = 0; i < 3; i++) {
                jdbc.update("WITH e AS (INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
                        + "source_ref, run_id) VALUES (?, 'CUSTOMS', DATE '2026-11-25', 'x', 'x', ?) RETURNING id) "
                        + "INSERT INTO journal_line SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 110.25, 0), "
                        + "(2, '4100', 0, 100), (3, '4200', 0, 10.25)) v(n, a, d, c)", "OLD-" + run + "-" + i, run);
            }
        }

        Flyway.configure().dataSource(ds).load().migrate();

        RunReport.LedgerSummary first = new RunReport(jdbc).ledgerSummary(1);
        assertThat(first.entries()).isEqualTo(3);
        assertThat(first.debits()).isEqualByComparingTo("330.75");
        assertThat(first.duty()).isEqualByComparingTo("300");
        assertThat(first.vat()).isEqualByComparingTo("30.75");
        assertThat(first.allTimeDebits()).isEqualByComparingTo("661.50");
        assertThat(first.balanced()).isTrue();
        // and they go on from there
        jdbc.update("WITH e AS (INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
                + "source_ref, run_id) VALUES ('NEW-2', 'CUSTOMS', DATE '2026-11-26', 'x', 'x', 2) RETURNING id) "
                + "INSERT INTO journal_line SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 5, 0), "
                + "(2, '4200', 0, 5)) v(n, a, d, c)");
        RunReport.LedgerSummary second = new RunReport(jdbc).ledgerSummary(2);
        assertThat(second.entries()).isEqualTo(4);
        assertThat(second.vat()).isEqualByComparingTo("35.75");
        assertThat(second.allTimeCredits()).isEqualByComparingTo("666.50");
    }
}
