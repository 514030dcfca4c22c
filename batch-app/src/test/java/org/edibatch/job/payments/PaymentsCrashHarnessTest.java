package org.edibatch.job.payments;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.schemas.PaymentNumber;
import org.edibatch.support.Cli;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of the payments and refunds steps, as CrashHarnessTest does it for the others: night 1 accepts
 * declarations, night 2 pays some of them, night 3 (killed with SIGKILL at a point of the payment steps, then run
 * again) lowers the tax of a paid declaration, raises another, pays more over several chunks and receives night 2's
 * advice again. The end state equals that of an uninterrupted night 3, and the advice received twice posted once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class PaymentsCrashHarnessTest {

    private static final String HANBIT = "HANBITTRD";
    private RunSnapshot reference;
    private List<Map<String, Object>> referenceLines;

    private static String[] args(Path home, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "customs", "--edibatch.home=" + home,
                "--spring.datasource.url=" + db, "--edibatch.signature.required=false",
                "--edibatch.fixed-clock=2026-11-28T01:00:00Z", "--edibatch.chunk-size=4", "--edibatch.intake.settle=0s",
                "--logging.level.org.edibatch=WARN",
                // all drawn for inspection, none decided: nothing is released, so night 3 may still amend (C174)
                "--edibatch.selectivity.sample-percent=100"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    /** Nights 1 and 2, uninterrupted, then night 3's files in the inbox. */
    private static void beforeNight3(Path home, String db) throws Exception {
        Path inbox = home.resolve("inbox");
        Files.createDirectories(inbox);
        Interchange n1 = Interchange.from(HANBIT, "CRH0001");
        for (int i = 1; i <= 12; i++) {
            n1.message(Cusdec.declaration(String.format("HBP%07d", i)).importer("HANBIT001234", "HANBIT TRADING CO")
                    .item("8471300000", "CN", "1", "PCE", "500.00")); // 69,925 owed each
        }
        Files.write(inbox.resolve("n1.edi"), n1.bytes());
        assertThat(Cli.run(args(home, db)).code()).isEqualTo(ExitCodes.OK);

        Files.write(inbox.resolve("n2-bank.edi"), advice(db, "CRB0001", 1, 4, "69925"));
        // its malformed number waits in suspense: a line of the report, so exit 2
        assertThat(Cli.run(args(home, db)).code()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);

        // night 3: 1 lowered (paid: a credit balance to refund), 5 raised, the rest paid in several messages
        Files.write(inbox.resolve("n3-a.edi"), Interchange.from(HANBIT, "CRH0002")
                .message(Cusdec.declaration("HBP0000001").replacement().importer("HANBIT001234", "HANBIT TRADING CO")
                        .item("8471300000", "CN", "1", "PCE", "100.00"))
                .message(Cusdec.declaration("HBP0000005").replacement().importer("HANBIT001234", "HANBIT TRADING CO")
                        .item("8471300000", "CN", "1", "PCE", "1000.00"))
                .bytes());
        Files.write(inbox.resolve("n3-b-bank-again.edi"), advice(db, "CRB0001", 1, 4, "69925"));
        Files.write(inbox.resolve("n3-c-bank.edi"), advice(db, "CRB0002", 5, 12, "60000"));
    }

    /**
     * A CREMUL interchange paying declarations HBP{from}..HBP{to}, one message per two credits so that a night's
     * advices span several chunks, with one malformed number.
     */
    private static byte[] advice(String db, String controlRef, int from, int to, String amount) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            Interchange i = Interchange.from("HANGUKBANK", controlRef);
            List<String[]> credits = new ArrayList<>();
            for (int n = from; n <= to; n++) {
                Map<String, Object> r = jdbc.queryForMap("SELECT file_id, msg_index FROM declaration_number "
                        + "WHERE declaration_no = ?", String.format("HBP%07d", n));
                credits.add(PaymentsTest.credit(controlRef + "-" + n, PaymentNumber.of(
                        ((Number) r.get("file_id")).longValue(), ((Number) r.get("msg_index")).intValue()), amount));
            }
            credits.add(PaymentsTest.credit(controlRef + "-X", "99999", "1000"));
            // the messages of a one-message interchange per pair of credits, read back as segments
            int ref = 0;
            for (int k = 0; k < credits.size(); k += 2) {
                i.message(Integer.toString(++ref), PaymentsTest.cremulBody("HANGUKBANK", controlRef,
                        credits.subList(k, Math.min(k + 2, credits.size()))));
            }
            return i.rewrite(t -> t.replace("+CUSDEC:D:96B:UN'", "+CREMUL:D:96B:UN'")).bytes();
        } finally {
            ds.destroy();
        }
    }

    private static List<Map<String, Object>> lines(String db) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            return new JdbcTemplate(ds).queryForList("SELECT file_id, msg_index, line_index, transaction_ref, outcome, "
                    + "code, declaration_no, applied, refund, suspense, entry_key FROM payment_line "
                    + "ORDER BY file_id, msg_index, line_index");
        } finally {
            ds.destroy();
        }
    }

    @BeforeAll
    void uninterruptedRun(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        beforeNight3(home, db);
        Cli.Result r = Cli.run(args(home, db));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        reference = RunSnapshot.of(db, home);
        referenceLines = lines(db);
        // night 2's advice, received again, was refused whole and posted nothing twice
        assertThat(reference.files()).filteredOn(f -> "n3-b-bank-again.edi".equals(f.get("original_name")))
                .extracting(f -> f.get("reason_code")).containsExactly("0085:26");
        // one entry per advice message (a pair of credits each): night 2's 5 credits in 3, night 3's 9 in 5; each
        // posted line names its message's entry
        List<String> paymentEntries = reference.ledger().stream().map(l -> (String) l.get("idempotency_key"))
                .filter(k -> k.startsWith("PAY:")).distinct().toList();
        assertThat(paymentEntries).hasSize(3 + 5);
        assertThat(referenceLines).filteredOn(l -> !"REFUSED".equals(l.get("outcome")))
                .extracting(l -> (String) l.get("entry_key")).hasSize(5 + 9).allMatch(paymentEntries::contains);
        assertThat(reference.ledger()).extracting(l -> (String) l.get("idempotency_key"))
                .contains("REFUND:HANBITTRD:HBP0000001:v2");
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"payments.open:1", "payments.chunk-written:1", "payments.chunk-written:2",
            "refunds.done:1"})
    void killedAndRerunEndsLikeAnUninterruptedRun(String crashAt, @TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        beforeNight3(home, db);
        Process frozen = Cli.startUntilCrashPoint(args(home, db, "--edibatch.fault.crash-at=" + crashAt));
        Cli.kill(frozen);
        Cli.Result rerun = Cli.run(args(home, db));
        assertThat(rerun.code()).as(rerun.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        RunSnapshot.of(db, home).assertSameAs(reference);
        assertThat(lines(db)).isEqualTo(referenceLines);
    }
}
