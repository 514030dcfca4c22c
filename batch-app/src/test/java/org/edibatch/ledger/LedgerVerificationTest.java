package org.edibatch.ledger;

import org.edibatch.cli.CustomsRuns;
import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.ConnectionCallback;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger as produced by a real customs run over the sample set, tampered with as the database owner (a
 * superuser, triggers disabled where the tampering needs it): verify-ledger finds every case and exits 5, and a
 * ledger left alone verifies clean. Also the nightly side: a run whose seal finds an entry posted outside any run
 * exits 5.
 */
@SlowTest
class LedgerVerificationTest {

    private TestApp app;
    private Path home;

    @BeforeEach
    void run(@TempDir Path dir) throws Exception {
        home = dir;
        app = TestApp.start(home);
        SampleSet.write(app.inbox(), SampleSet.generate());
        assertThat(app.runCustoms("night 1").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM journal_entry")).isGreaterThan(3);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private record Outcome(int code, String out) {
    }

    private Outcome command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out + err.toString());
    }

    private Outcome verifyLedger() {
        return command("verify-ledger");
    }

    private long count(String sql, Object... args) {
        Long n = app.jdbc().queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /** Statements on one connection, as an owner with psql would run them; session settings then reset. */
    private void asOwner(String... statements) {
        app.ownerJdbc().execute((ConnectionCallback<Void>) c -> {
            // one transaction, as psql's BEGIN ... COMMIT: an entry and its lines must commit together
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                s.execute("RESET session_replication_role");
                c.commit();
            } catch (java.sql.SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    private long firstEntry() {
        return count("SELECT MIN(id) FROM journal_entry");
    }

    @Test
    void aLedgerLeftAloneVerifiesAndTheRunSaysItWasChecked() throws Exception {
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.OK);
        assertThat(o.out()).contains("ledger verified: no difference")
                .contains("journal: " + count("SELECT COUNT(*) FROM journal_entry") + " entries, 1 seal(s) (");
        String summary = Files.readString(home.resolve("reports/run-1/ledger-summary.txt"));
        assertThat(summary).contains("balanced: yes").contains("checked: " + count("SELECT COUNT(*) FROM journal_entry")
                + " entries against their lines and the running totals when sealed: no difference");
        Outcome status = command("status");
        assertThat(status.out()).contains("ledger: sealed up to entry " + count("SELECT MAX(id) FROM journal_entry")
                + " by run 1").contains("its check: no difference").contains("last verify-ledger: ")
                .doesNotContain("DIFFERENCE");
    }

    @Test
    void aBalancedForgedEntryIsFound() {
        asOwner("INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id) "
                        + "VALUES ('CUSDEC:FORGER:1', 'CUSTOMS', '2026-11-28', 'forged', 'FORGER/1', 1)",
                "INSERT INTO journal_line (entry_id, line_no, account_code, party_id, debit, credit) VALUES "
                        + "(currval('journal_entry_id_seq'), 1, '1100', NULL, 5000, 0), "
                        + "(currval('journal_entry_id_seq'), 2, '4100', NULL, 0, 5000)");
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("LEDGER NOT VERIFIED: 1 difference(s)")
                .contains("1 entry of run 1 not sealed though the run completed: posted outside its run");
    }

    @Test
    void anEntryWithNoLinesIsFound() {
        // the ledger's commit check refuses an entry without lines even to the owner: only with triggers off
        asOwner("SET session_replication_role = replica",
                "INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id) "
                + "VALUES ('CUSDEC:SQUATTER:1', 'CUSTOMS', '2026-11-28', 'squatter', 'SQUATTER/1', 1)");
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("(CUSDEC:SQUATTER:1, run 1): no lines");
    }

    @Test
    void aLineAlteredWithTriggersOffIsFound() {
        long entry = firstEntry();
        asOwner("SET session_replication_role = replica",
                "UPDATE journal_line SET debit = debit + 1 WHERE entry_id = " + entry + " AND line_no = 1");
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).containsPattern("entry " + entry + " \\([^)]*\\): not balanced")
                .containsPattern("entry " + entry + " \\([^)]*\\): its fields or lines are not those it was posted with")
                .contains("run 1 account 1100: journal lines");
    }

    @Test
    void aLineDeletedWithTriggersDisabledIsFound() {
        long entry = firstEntry();
        asOwner("ALTER TABLE journal_line DISABLE TRIGGER USER",
                "DELETE FROM journal_line WHERE entry_id = " + entry + " AND line_no = 2",
                "ALTER TABLE journal_line ENABLE TRIGGER USER");
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).containsPattern("entry " + entry + " \\([^)]*\\): not balanced");
    }

    @Test
    void aDeletedEntryBreaksTheChain() {
        long entry = firstEntry() + 1;
        asOwner("SET session_replication_role = replica",
                "DELETE FROM journal_line WHERE entry_id = " + entry,
                "DELETE FROM journal_entry WHERE id = " + entry);
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("seal 1 (run 1, entries up to ")
                .contains("entries deleted or inserted")
                .contains("the hash chain differs from the sealed one");
    }

    @Test
    void anEntryAlteredTogetherWithItsDigestBreaksTheChain() {
        long entry = firstEntry();
        // the forger recomputes the content digest of what they made the entry say: only the chain can tell
        PostedEntry[] e = new PostedEntry[1];
        app.bean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(s ->
                new LedgerRepository(app.jdbc()).entries(entry - 1, x -> {
                    if (x.id() == entry) {
                        e[0] = x;
                    }
                }));
        EntryDigest d = new EntryDigest().entry(e[0].idempotencyKey(), e[0].ledger(), e[0].entryDate(), "altered",
                e[0].sourceRef(), e[0].runId());
        e[0].lines().forEach(l -> d.line(l.lineNo(), l.accountCode(), l.partyId(), l.debit(), l.credit()));
        String digest = HexFormat.of().formatHex(d.digest());
        asOwner("SET session_replication_role = replica",
                "UPDATE journal_entry SET description = 'altered', content_digest = '\\x" + digest + "' WHERE id = "
                        + entry);
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("LEDGER NOT VERIFIED: 1 difference(s)")
                .contains("the hash chain differs from the sealed one: an entry deleted, inserted or altered");
    }

    @Test
    void runningTotalsThatDoNotMatchTheLinesAreFound() {
        asOwner("SET session_replication_role = replica",
                "UPDATE ledger_run_account SET credit = credit + 100 WHERE run_id = 1 AND account_code = '4100'",
                "UPDATE ledger_run_entries SET entries = entries + 1 WHERE run_id = 1");
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("run 1 account 4100: journal lines").contains("; the running totals ")
                .containsPattern("run 1: \\d+ entries in the journal, \\d+ in the running totals");
    }

    @Test
    void anArchivedFileWhoseBytesOrRecordedDigestChangedIsFound() throws Exception {
        List<String> kept = app.jdbc().queryForList("SELECT final_path FROM inbound_file WHERE state = 'ARCHIVED' "
                + "ORDER BY id LIMIT 2", String.class);
        Files.writeString(Path.of(kept.get(0)), "altered", java.nio.file.StandardOpenOption.APPEND);
        asOwner("UPDATE inbound_file SET sha256 = repeat('0', 64) WHERE final_path = '" + kept.get(1) + "'");
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("LEDGER NOT VERIFIED: 2 difference(s)")
                .contains("at " + kept.get(0) + ": SHA-256 ")
                .contains("at " + kept.get(1) + ": SHA-256 ").contains("recorded " + "0".repeat(64));
    }

    @Test
    void theNextRunThatSealsAForgedEntryExitsWithTheLedgerCode() throws Exception {
        asOwner("INSERT INTO journal_entry (idempotency_key, ledger, entry_date, description, source_ref, run_id) "
                        + "VALUES ('CUSDEC:FORGER:2', 'CUSTOMS', '2026-11-28', 'forged', 'FORGER/2', 1)",
                "INSERT INTO journal_line (entry_id, line_no, account_code, party_id, debit, credit) VALUES "
                        + "(currval('journal_entry_id_seq'), 1, '1100', NULL, 700, 0), "
                        + "(currval('journal_entry_id_seq'), 2, '4200', NULL, 0, 700)");
        StringWriter out = new StringWriter();
        int code = app.bean(CustomsRuns.class).run(false, new PrintWriter(out, true));
        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(out.toString()).contains("LEDGER CHECK FAILED: 1 difference(s)")
                .contains("1 entry of run 1, which had completed and sealed its entries: posted outside its run");
        assertThat(Files.readString(home.resolve("reports/run-2/ledger-summary.txt")))
                .contains("1 difference(s), see verify-ledger");
        // sealed since, and still found
        Outcome o = verifyLedger();
        assertThat(o.code()).as(o.out()).isEqualTo(ExitCodes.LEDGER_DIFFERS);
        assertThat(o.out()).contains("1 sealed entry of run 1 sealed by another run though it completed and sealed "
                + "its own: posted outside its run");
    }
}
