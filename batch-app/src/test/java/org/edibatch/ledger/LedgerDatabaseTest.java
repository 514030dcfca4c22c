package org.edibatch.ledger;

import org.edibatch.report.RunReport;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's guarantees, enforced by PostgreSQL itself, not only by the code that posts. Where the application's
 * role lacks the right to try (an UPDATE, a DELETE: LeastPrivilegeTest), the owner tries: the triggers refuse
 * it even then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class LedgerDatabaseTest {

    private TestApp app;

    @BeforeAll
    void start(@TempDir Path home) {
        app = TestApp.start(home);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static JournalEntry entry(String key) {
        return new JournalEntry(key, "CUSTOMS", LocalDate.of(2026, 11, 25), "test", "src",
                List.of(JournalLine.debit("1100", null, new BigDecimal("110")),
                        JournalLine.credit("4100", null, new BigDecimal("100")),
                        JournalLine.credit("4200", null, new BigDecimal("10"))));
    }

    @Test
    void postingTheSameKeyTwiceIsANoOp() {
        JdbcLedger ledger = app.bean(JdbcLedger.class);
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        Boolean first = tx.execute(s -> ledger.post(entry("K-ONCE"), 1));
        Boolean second = tx.execute(s -> ledger.post(entry("K-ONCE"), 1));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                + "WHERE e.idempotency_key = 'K-ONCE'", Integer.class)).isEqualTo(3);
    }

    @Test
    void theJournalRefusesUpdatesAndDeletes() {
        app.bean(TransactionTemplate.class).execute(s -> app.bean(JdbcLedger.class).post(entry("K-APPEND"), 1));
        assertThatThrownBy(() -> app.ownerJdbc().update("UPDATE journal_line SET debit = 0 WHERE line_no = 1"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.ownerJdbc().update("DELETE FROM journal_entry")).hasMessageContaining("append-only");
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntry() {
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            Long id = app.jdbc().queryForObject("INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
                    + "source_ref, run_id) VALUES ('K-BAD','CUSTOMS',DATE '2026-11-25','x','x',1) RETURNING id", Long.class);
            app.jdbc().update("INSERT INTO journal_line VALUES (?, 1, '1100', NULL, 100, 0)", id);
            app.jdbc().update("INSERT INTO journal_line VALUES (?, 2, '4100', NULL, 0, 90)", id);
        })).hasStackTraceContaining("not balanced");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key = 'K-BAD'",
                Integer.class)).isZero();
    }

    @Test
    void linesAddedLaterToAPostedEntryAreRefused() {
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        tx.execute(s -> app.bean(JdbcLedger.class).post(entry("K-LATER"), 1));
        Long id = app.jdbc().queryForObject("SELECT id FROM journal_entry WHERE idempotency_key = 'K-LATER'", Long.class);
        assertThatThrownBy(() -> app.jdbc().update("INSERT INTO journal_line VALUES (?, 4, '1100', NULL, 5, 0)", id))
                .hasStackTraceContaining("entry " + id + " already has its lines");
        // balanced among themselves, still refused: a posted entry is never added to
        assertThatThrownBy(() -> app.jdbc().update("INSERT INTO journal_line VALUES (?, 4, '1100', NULL, 5, 0), "
                + "(?, 5, '4100', NULL, 0, 5)", id, id)).hasStackTraceContaining("already has its lines");
        assertThatThrownBy(() -> app.jdbc().update("INSERT INTO journal_line VALUES (?, 1, '1100', NULL, 5, 0), "
                + "(?, 5, '4100', NULL, 0, 5)", id, id)).hasStackTraceContaining("journal_line_pkey");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_line WHERE entry_id = ?", Integer.class, id))
                .isEqualTo(3);
    }

    @Test
    void linesMustNameAnExistingEntryAndAccount() {
        assertThatThrownBy(() -> app.jdbc().update("INSERT INTO journal_line VALUES (987654321, 1, '1100', NULL, 5, 0), "
                + "(987654321, 2, '4100', NULL, 0, 5)")).hasStackTraceContaining("entry 987654321 does not exist");
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            Long id = app.jdbc().queryForObject("INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
                    + "source_ref, run_id) VALUES ('K-ACCT','CUSTOMS',DATE '2026-11-25','x','x',1) RETURNING id", Long.class);
            app.jdbc().update("INSERT INTO journal_line VALUES (?, 1, '9999', NULL, 5, 0), (?, 2, '4100', NULL, 0, 5)", id, id);
        })).hasStackTraceContaining("account 9999 is not in the chart of accounts");
    }

    @Test
    void anAccountInUseCannotBeRemovedAndTheJournalCannotBeTruncated() {
        app.bean(TransactionTemplate.class).execute(s -> app.bean(JdbcLedger.class).post(entry("K-USE"), 1));
        assertThatThrownBy(() -> app.ownerJdbc().update("DELETE FROM ledger_account WHERE code = '4200'"))
                .hasStackTraceContaining("account 4200 is used by the journal");
        assertThatThrownBy(() -> app.ownerJdbc().update("UPDATE ledger_account SET code = '4201' WHERE code = '4200'"))
                .hasStackTraceContaining("account 4200 is used by the journal");
        assertThatThrownBy(() -> app.ownerJdbc().execute("TRUNCATE journal_line, journal_entry"))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void theRunTotalsFollowTheJournalWhicheverWayItIsWritten() {
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        JdbcLedger ledger = app.bean(JdbcLedger.class);
        tx.execute(s -> ledger.postAll(List.of(entry("K-RUN-1"), entry("K-RUN-2"), entry("K-RUN-1")), 7001));
        tx.execute(s -> ledger.postAll(List.of(entry("K-RUN-1"), entry("K-RUN-3")), 7001)); // K-RUN-1 again: not counted
        app.jdbc().update("WITH e AS (INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
                + "source_ref, run_id) VALUES ('K-RUN-SQL','CUSTOMS',DATE '2026-11-25','x','x',7002) RETURNING id) "
                + "INSERT INTO journal_line SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 7.5, 0), "
                + "(2, '4200', 0, 7.5)) v(n, a, d, c)");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            ledger.post(entry("K-RUN-ROLLED-BACK"), 7001);
            throw new IllegalStateException("chunk failed");
        })).hasMessage("chunk failed");

        RunReport.LedgerSummary run = new RunReport(app.jdbc()).ledgerSummary(7001);
        assertThat(run.entries()).isEqualTo(3);
        assertThat(run.debits()).isEqualByComparingTo("330");
        assertThat(run.credits()).isEqualByComparingTo("330");
        assertThat(run.duty()).isEqualByComparingTo("300");
        assertThat(run.vat()).isEqualByComparingTo("30");
        RunReport.LedgerSummary other = new RunReport(app.jdbc()).ledgerSummary(7002);
        assertThat(other.entries()).isEqualTo(1);
        assertThat(other.vat()).isEqualByComparingTo("7.5");
        assertThat(new RunReport(app.jdbc()).ledgerSummary(7999).entries()).isZero();
        // the same figures as a scan of the whole journal, for every run the other tests posted too
        assertThat(app.jdbc().queryForList("SELECT run_id, account_code, SUM(lines) AS lines, SUM(debit) AS debit, "
                + "SUM(credit) AS credit FROM ledger_run_account GROUP BY 1, 2 ORDER BY 1, 2"))
                .isEqualTo(app.jdbc().queryForList("SELECT e.run_id, l.account_code, COUNT(*)::numeric AS lines, "
                        + "SUM(l.debit)::numeric(24,2) AS debit, SUM(l.credit)::numeric(24,2) AS credit FROM journal_line l "
                        + "JOIN journal_entry e ON e.id = l.entry_id GROUP BY 1, 2 ORDER BY 1, 2"));
        assertThat(app.jdbc().queryForList("SELECT run_id, SUM(entries) AS n FROM ledger_run_entries GROUP BY 1 ORDER BY 1"))
                .isEqualTo(app.jdbc().queryForList("SELECT run_id, COUNT(*)::numeric AS n FROM journal_entry GROUP BY 1 ORDER BY 1"));
        assertThat(run.allTimeDebits()).isEqualByComparingTo(app.jdbc().queryForObject(
                "SELECT SUM(debit) FROM journal_line", BigDecimal.class));

        for (String sql : List.of("UPDATE ledger_run_account SET debit = 0", "DELETE FROM ledger_run_entries",
                "INSERT INTO ledger_run_entries VALUES (7003, 0, 1)", "TRUNCATE ledger_run_account")) {
            assertThatThrownBy(() -> app.ownerJdbc().execute(sql)).as(sql).hasStackTraceContaining("append-only");
        }
    }

    @Test
    void anEntryWithoutLinesIsRefusedAtCommitWhoeverInsertsIt() {
        String empty = "INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id) "
                + "VALUES (?, 'CUSTOMS', DATE '2026-11-25', 'x', 'x', 1)";
        assertThatThrownBy(() -> app.jdbc().update(empty, "K-EMPTY")).hasStackTraceContaining("have no lines");
        assertThatThrownBy(() -> app.ownerJdbc().update(empty, "K-EMPTY")).hasStackTraceContaining("have no lines");
        // within a transaction that posts other entries properly, the empty one takes them all down
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            app.bean(JdbcLedger.class).postAll(List.of(entry("K-WITH-1"), entry("K-WITH-2")), 1);
            app.jdbc().update(empty, "K-EMPTY");
        })).hasStackTraceContaining("1 of the 3 entr(ies) added by this transaction have no lines");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key IN "
                + "('K-EMPTY', 'K-WITH-1', 'K-WITH-2')", Integer.class)).isZero();
        // an entry whose lines come in a later statement of the same transaction is posted
        tx.executeWithoutResult(s -> {
            Long id = app.jdbc().queryForObject(empty + " RETURNING id", Long.class, "K-LINES-LATER");
            app.jdbc().update("INSERT INTO journal_line VALUES (?, 1, '1100', NULL, 5, 0), (?, 2, '4100', NULL, 0, 5)",
                    id, id);
        });
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                + "WHERE e.idempotency_key = 'K-LINES-LATER'", Integer.class)).isEqualTo(2);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry_pending", Integer.class))
                .as("nothing pending after commit").isZero();
    }

    @Test
    void theDomainRefusesAnUnbalancedEntryBeforeTheDatabaseSeesIt() {
        assertThatThrownBy(() -> new JournalEntry("K", "CUSTOMS", LocalDate.now(), "x", "x",
                List.of(JournalLine.debit("1100", null, BigDecimal.TEN), JournalLine.credit("4100", null, BigDecimal.ONE))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
