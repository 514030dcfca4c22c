package org.edibatch.job.payments;

import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One advice per transaction, each paying the declaration the one before paid: a batch's receivables and known
 * transactions are looked up while the batch before is still being written (BatchLookups), so its matching must
 * see what that batch changed, committed or not.
 */
@SlowTest
class PaymentBatchesTest {

    @Test
    void eachBatchMatchesAgainstWhatTheBatchBeforeItPaid(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home, "edibatch.chunk-size=1")) {
            Files.createDirectories(app.inbox());
            // B: 2,000.00 USD T-shirts -> duty 363,610 + VAT 316,061 = 679,671 owed (PaymentsTest)
            Files.write(app.inbox().resolve("n1.edi"), Interchange.from("HANBITTRD", "BAT0001")
                    .message(Cusdec.declaration("HBB0000001").importer("SEOULEL05678", "SEOUL ELECTRONICS")
                            .item("6109100000", "CN", "200", "PCE", "2000.00"))
                    .bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            String b = PaymentsTest.number(app, "HBB0000001");

            Interchange advice = Interchange.from("HANGUKBANK", "BK0101");
            List<String[]> credits = List.of(
                    PaymentsTest.credit("TX201", b, "300000"),  // partial: 379,671 open
                    PaymentsTest.credit("TX202", b, "400000"),  // over: 379,671 settled, 20,329 to refund
                    PaymentsTest.credit("TX202", b, "400000"),  // the batch before posted it: refused
                    PaymentsTest.credit("TX204", b, "1000"));   // nothing open: all to refund
            int ref = 0;
            for (String[] credit : credits) {
                advice.message(Integer.toString(++ref), PaymentsTest.cremulBody("HANGUKBANK", "BK0101",
                        List.<String[]>of(credit)));
            }
            Files.write(app.inbox().resolve("n2-bank.edi"),
                    advice.rewrite(t -> t.replace("+CUSDEC:D:96B:UN'", "+CREMUL:D:96B:UN'")).bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);

            assertThat(app.jdbc().queryForList("SELECT transaction_ref || ' ' || outcome || ' ' || COALESCE(code, '-') "
                    + "|| ' ' || applied::bigint || '/' || refund::bigint FROM payment_line "
                    + "ORDER BY file_id, msg_index, line_index", String.class)).containsExactly(
                    "TX201 PARTIAL - 300000/0",
                    "TX202 OVERPAID P13 379671/20329",
                    "TX202 REFUSED P30 0/0",
                    "TX204 REFUND P14 0/1000");
            // the planner's statistics know the night's lines (V19): counted exactly on tables this small
            assertThat(app.jdbc().queryForList("SELECT relname || ' ' || reltuples::bigint FROM pg_class WHERE relname "
                    + "IN ('payment_line', 'bank_transaction') ORDER BY relname", String.class))
                    .containsExactly("bank_transaction 3", "payment_line 4");
            // one entry per advice posted; the receivable settled exactly
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key LIKE "
                    + "'PAY:%'", Integer.class)).isEqualTo(3);
            assertThat(app.jdbc().queryForObject("SELECT COALESCE(SUM(debit - credit), 0) FROM journal_line "
                    + "WHERE account_code = '1100'", BigDecimal.class)).isEqualByComparingTo("0");
        }
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }
}
