package org.edibatch.ledger;

import org.edibatch.EdiBatchApplication;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An insider with the application's own credentials, in psql after a night: each way the ledger and the night's
 * decisions were once tampered with is refused by PostgreSQL, because the application's role may insert but not
 * rewrite, owns nothing and is no superuser. The one insert it must be able to make, a balanced entry, is what
 * verify-ledger's hash chain is for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class LeastPrivilegeTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String CHECK_VIOLATION = "23514";
    private static final String ENTRY = "INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, "
            + "source_ref, run_id) VALUES (?, 'CUSTOMS', DATE '2026-11-28', 'x', 'x', 1)";

    private TestApp app;
    private JdbcTemplate insider;

    @BeforeAll
    void night(@TempDir Path home) throws Exception {
        app = TestApp.start(home);
        SampleSet.write(app.inbox(), SampleSet.generate());
        assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        insider = app.jdbc();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void theApplicationRunsAsItsOwnRoleAndTheNightCompletedAsIt() {
        assertThat(insider.queryForObject("SELECT current_user", String.class)).isEqualTo(TestDatabase.APP_ROLE);
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM journal_entry", Long.class)).isPositive();
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM answer", Long.class)).isPositive();
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM inbound_file WHERE state IN ('ARCHIVED', 'QUARANTINED')",
                Long.class)).as("the finish step recorded where the files went").isPositive();
    }

    @Test
    void theNightsDecisionsCannotBeRewrittenOrRemoved() {
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM declaration WHERE vat_krw > 0", Long.class)).isPositive();
        for (String sql : List.of(
                "UPDATE declaration SET duty_krw = 0, vat_krw = 0",
                "DELETE FROM answer",
                "DELETE FROM exception_item",
                "DELETE FROM declaration_number",
                "UPDATE inbound_file SET sha256 = repeat('0', 64)",
                "UPDATE message_result SET status = 'ACCEPTED'",
                "DELETE FROM declaration",
                "UPDATE answer SET recipient = 'X'",
                "TRUNCATE exception_item")) {
            assertThat(refusal(insider, sql)).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM declaration WHERE vat_krw > 0", Long.class)).isPositive();
    }

    @Test
    void theJournalAndItsTotalsCannotBeRewritten() {
        for (String sql : List.of(
                "UPDATE journal_line SET debit = debit + 1 WHERE line_no = 1",
                "DELETE FROM journal_line",
                "DELETE FROM journal_entry",
                "UPDATE journal_entry SET run_id = 0",
                "TRUNCATE journal_line, journal_entry",
                "UPDATE ledger_run_account SET debit = 0",
                "INSERT INTO ledger_run_entries VALUES (1, 0, 1)",
                "INSERT INTO journal_entry_pending VALUES (1, 0, 0)",
                "INSERT INTO ledger_account VALUES ('9999', 'x', 'ASSET')")) {
            assertThat(refusal(insider, sql)).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
    }

    @Test
    void theChecksCannotBeSwitchedOff() {
        for (String sql : List.of(
                "SET session_replication_role = replica",
                "ALTER TABLE journal_line DISABLE TRIGGER journal_line_checked",
                "ALTER TABLE journal_entry DISABLE TRIGGER ALL",
                "DROP TRIGGER journal_line_append_only ON journal_line",
                "ALTER FUNCTION ledger_lines_checked() SECURITY INVOKER",
                "CREATE TABLE public.journal_shadow (id BIGINT)")) {
            assertThat(refusal(insider, sql)).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        }
    }

    @Test
    void anEntryWithoutLinesCannotSquatADeclarationsKey() {
        String key = "CUSDEC:HANBITTRD:SQUAT0000001";
        assertThat(refusal(insider, ENTRY.replace("?", "'" + key + "'"))).isEqualTo(CHECK_VIOLATION);
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key = ?", Long.class, key))
                .isZero();
        // the key stays free for the declaration's own posting
        JournalEntry posting = new JournalEntry(key, "CUSTOMS", LocalDate.of(2026, 11, 28), "duty and VAT", key,
                List.of(JournalLine.debit("1100", null, new BigDecimal("110")),
                        JournalLine.credit("4100", null, new BigDecimal("100")),
                        JournalLine.credit("4200", null, new BigDecimal("10"))));
        Boolean posted = app.bean(TransactionTemplate.class).execute(s -> app.bean(JdbcLedger.class).post(posting, 1));
        assertThat(posted).isTrue();
    }

    @Test
    void aTemporaryTableCannotStandInForTheChartOfAccounts() {
        // pg_temp comes first in a search path that does not name it: the ledger's triggers name it last
        TransactionTemplate tx = app.bean(TransactionTemplate.class);
        String state = null;
        try {
            tx.executeWithoutResult(s -> {
                insider.execute("CREATE TEMP TABLE ledger_account (code TEXT, name TEXT, kind TEXT) ON COMMIT DROP");
                insider.update("INSERT INTO ledger_account VALUES ('9999', 'x', 'ASSET')");
                Long id = insider.queryForObject(ENTRY + " RETURNING id", Long.class, "K-SHADOW");
                insider.update("INSERT INTO journal_line VALUES (?, 1, '9999', NULL, 5, 0), (?, 2, '4100', NULL, 0, 5)",
                        id, id);
            });
        } catch (RuntimeException e) {
            state = sqlState(e);
            assertThat(e).hasStackTraceContaining("account 9999 is not in the chart of accounts");
        }
        assertThat(state).isEqualTo("23503");
    }

    @Test
    void aBalancedEntryIsTheOneForgeryTheRoleCanInsert() {
        // the application must post entries, so its role may insert one; it is not the night's, and the hash
        // chain over the journal tells it apart (verify-ledger)
        insider.update("WITH e AS (" + ENTRY.replace("?", "'FORGED:1'") + " RETURNING id) INSERT INTO journal_line "
                + "SELECT id, n, a, NULL, d, c FROM e, (VALUES (1, '1100', 5, 0), (2, '4200', 0, 5)) v(n, a, d, c)");
        assertThat(insider.queryForObject("SELECT COUNT(*) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                + "WHERE e.idempotency_key = 'FORGED:1'", Long.class)).isEqualTo(2);
    }

    @Test
    void theEmbeddedDatabaseRunsTheApplicationAsItsOwnRoleToo(@TempDir Path home) {
        try (ConfigurableApplicationContext embedded = new SpringApplicationBuilder(EdiBatchApplication.class).run(
                "--edibatch.home=" + home, "--edibatch.fixed-clock=" + TestApp.FIXED_CLOCK,
                "--edibatch.signature.required=false")) {
            JdbcTemplate jdbc = embedded.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("edibatch_app");
            assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'journal_line'",
                    String.class)).isEqualTo("postgres");
            for (String sql : List.of("UPDATE declaration SET vat_krw = 0", "DELETE FROM journal_entry",
                    "SET session_replication_role = replica",
                    "ALTER TABLE journal_line DISABLE TRIGGER journal_line_checked")) {
                assertThat(refusal(jdbc, sql)).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
            }
            assertThat(refusal(jdbc, ENTRY.replace("?", "'K-EMPTY'"))).isEqualTo(CHECK_VIOLATION);
        }
    }

    /** The SQLState of the statement's refusal; fails the test when the statement was accepted. */
    private static String refusal(JdbcTemplate jdbc, String sql) {
        try {
            jdbc.execute(sql);
        } catch (RuntimeException e) {
            return sqlState(e);
        }
        return fail("accepted: " + sql);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "none: " + e;
    }
}
