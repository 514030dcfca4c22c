package org.edibatch.ledger;

import org.edibatch.report.RunReport;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run totals the report reads are the journal's own sums, on a database migrated from nothing and posted
 * to from several connections (each connection keeps its own rows of the totals); and the checks on the
 * journal and the message tables rule out sequential scans, so their lookups stay on the keys.
 */
@SlowTest
class LedgerRunTotalsTest {

    private static final String ENTRY = "WITH e AS (INSERT INTO journal_entry (idempotency_key, ledger, entry_date, "
            + "description, source_ref, run_id) VALUES (?, 'CUSTOMS', DATE '2026-11-25', 'x', 'x', ?) RETURNING id) "
            + "INSERT INTO journal_line SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 110.25, 0), "
            + "(2, '4100', 0, 100), (3, '4200', 0, 10.25)) v(n, a, d, c)";

    @Test
    void theTotalsOfEveryConnectionAddUpToTheJournal() {
        String url = TestDatabase.freshDatabaseUrl();
        SingleConnectionDataSource one = new SingleConnectionDataSource(url, true);
        SingleConnectionDataSource two = new SingleConnectionDataSource(url, true);
        try {
            Flyway.configure().dataSource(one).load().migrate();
            JdbcTemplate first = new JdbcTemplate(one);
            JdbcTemplate second = new JdbcTemplate(two);
            for (int run = 1; run <= 2; run++) {
                for (int i = 0; i < 3; i++) {
                    (i % 2 == 0 ? first : second).update(ENTRY, "K-" + run + "-" + i, run);
                }
            }
            assertThat(first.queryForObject("SELECT COUNT(DISTINCT slot) FROM ledger_run_account WHERE run_id = 1",
                    Integer.class)).isEqualTo(2);

            RunReport.LedgerSummary run1 = new RunReport(first).ledgerSummary(1);
            assertThat(run1.entries()).isEqualTo(3);
            assertThat(run1.debits()).isEqualByComparingTo("330.75");
            assertThat(run1.duty()).isEqualByComparingTo("300");
            assertThat(run1.vat()).isEqualByComparingTo("30.75");
            assertThat(run1.allTimeDebits()).isEqualByComparingTo("661.50");
            assertThat(run1.balanced()).isTrue();
            // and they go on from there
            second.update("WITH e AS (INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
                    + "source_ref, run_id) VALUES ('K-2-3', 'CUSTOMS', DATE '2026-11-26', 'x', 'x', 2) RETURNING id) "
                    + "INSERT INTO journal_line SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 5, 0), "
                    + "(2, '4200', 0, 5)) v(n, a, d, c)");
            RunReport.LedgerSummary run2 = new RunReport(first).ledgerSummary(2);
            assertThat(run2.entries()).isEqualTo(4);
            assertThat(run2.vat()).isEqualByComparingTo("35.75");
            assertThat(run2.allTimeCredits()).isEqualByComparingTo("666.50");
            assertThat(first.queryForList("SELECT run_id, account_code, SUM(lines) AS lines, SUM(debit) AS debit, "
                    + "SUM(credit) AS credit FROM ledger_run_account GROUP BY 1, 2 ORDER BY 1, 2"))
                    .isEqualTo(first.queryForList("SELECT e.run_id, l.account_code, COUNT(*)::numeric AS lines, "
                            + "SUM(l.debit)::numeric(24,2) AS debit, SUM(l.credit)::numeric(24,2) AS credit "
                            + "FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                            + "GROUP BY 1, 2 ORDER BY 1, 2"));
        } finally {
            one.destroy();
            two.destroy();
        }
    }

    @Test
    void theStatementChecksRuleOutSequentialScans() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(TestDatabase.freshDatabaseUrl(), true);
        try {
            Flyway.configure().dataSource(ds).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // a plan made on the empty tables of a new database is kept by the connection for its whole life
            for (String f : List.of("ledger_lines_checked", "message_result_file_checked",
                    "declaration_message_checked")) {
                assertThat(jdbc.queryForObject("SELECT array_to_string(proconfig, ',') FROM pg_proc WHERE proname = ?",
                        String.class, f)).as(f).contains("enable_seqscan=off");
            }
        } finally {
            ds.destroy();
        }
    }
}
