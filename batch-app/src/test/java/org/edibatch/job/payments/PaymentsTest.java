package org.edibatch.job.payments;

import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.schemas.PaymentNumber;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every matching case over three nights, with an amendment lowering a paid tax and one raising a partly paid tax;
 * then the books prove the receivables: the 1100 balance equals SUM(open_amount). Declarations in USD dated
 * 2026-11-25 (customs rate 1,398.50 KRW), VAT 10 %, rounded down to the won; HS 8471300000 has no duty,
 * 6109100000 13 % (as in AmendmentsTest).
 */
@SlowTest
class PaymentsTest {

    private static final String HANBIT = "HANBITTRD";
    private static final String BANK = "HANGUKBANK";

    @Test
    void everyMatchingCaseIsPostedAndTheReceivablesReconcile(@TempDir Path home) throws Exception {
        // every declaration drawn for inspection and no officer deciding: none is released, so the amendments of
        // night 3 are still allowed (a released declaration is closed to them, C174)
        try (TestApp app = TestApp.start(home, "edibatch.selectivity.sample-percent=100")) {
            Files.createDirectories(app.inbox());
            // Night 1: the declarations.
            Files.write(app.inbox().resolve("n1.edi"), Interchange.from(HANBIT, "PAY0001")
                    // A: 1,000.00 USD laptops -> VAT 139,850 owed
                    .message(Cusdec.declaration("HBA0000001").importer("HANBIT001234", "HANBIT TRADING CO")
                            .item("8471300000", "CN", "2", "PCE", "1000.00"))
                    // B: 2,000.00 USD T-shirts -> duty 363,610 + VAT 316,061 = 679,671 owed
                    .message(Cusdec.declaration("HBB0000001").importer("SEOULEL05678", "SEOUL ELECTRONICS")
                            .item("6109100000", "CN", "200", "PCE", "2000.00"))
                    // C: 500.00 USD laptop -> 69,925 owed
                    .message(Cusdec.declaration("HBC0000001").importer("BUSANFF09012", "BUSAN FRESH FOODS")
                            .item("8471300000", "CN", "1", "PCE", "500.00"))
                    // D: 100.00 USD T-shirts (33,983), cancelled in the same file
                    .message(chain("HBD0000001", "9", "100.00"))
                    .message(chain("HBD0000001", "1", "100.00"))
                    // E: 200.00 USD T-shirts -> 67,967 owed
                    .message(chain("HBE0000001", "9", "200.00"))
                    .bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            String a = number(app, "HBA0000001");
            String b = number(app, "HBB0000001");
            String c = number(app, "HBC0000001");
            String d = number(app, "HBD0000001");
            String e = number(app, "HBE0000001");

            // Night 2: the bank's advice, a CUSDEC from the bank, and a CREMUL from an importer.
            byte[] advice = cremul(BANK, "BK0001", List.of(
                    credit("TX001", a, "139850"),                                   // exact
                    credit("TX002", b, "400000"),                                   // partial: 279,671 open
                    credit("TX003", c, "70000"),                                    // over: 75 to refund
                    credit("TX004", d, "33983"),                                    // cancelled: all to refund
                    credit("TX005", PaymentNumber.of(999, 0), "10000"),             // unknown: suspense
                    credit("TX006", "12345", "5000"),                               // malformed: suspense
                    new String[]{"TX007", e, "50", "USD"},                          // refused: currency
                    credit("TX001", a, "139850"),                                   // refused: same transaction
                    credit("TX008", e, "67967")),                                   // exact
                    true);
            Files.write(app.inbox().resolve("n2-bank.edi"), advice);
            Files.write(app.inbox().resolve("n2-importer.edi"), cremul(HANBIT, "HBCR001",
                    List.<String[]>of(credit("TX100", a, "1")), false));
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);

            assertThat(lines(app)).containsExactly(
                    "TX001 EXACT - HBA0000001 139850/0/0",
                    "TX002 PARTIAL - HBB0000001 400000/0/0",
                    "TX003 OVERPAID P13 HBC0000001 69925/75/0",
                    "TX004 REFUND P12 HBD0000001 0/33983/0",
                    "TX005 SUSPENSE P11 - 0/0/10000",
                    "TX006 SUSPENSE P10 - 0/0/5000",
                    "TX007 REFUSED P31 - 0/0/0",
                    "TX001 REFUSED P30 - 0/0/0",
                    "TX008 EXACT - HBE0000001 67967/0/0");
            // the bank's CUSDEC and the importer's CREMUL are refused with 0085 code 14 (CONTRL)
            assertThat(app.jdbc().queryForList("SELECT f.sender || ' ' || r.message_type || ' ' || r.status || ' ' "
                    + "|| COALESCE((SELECT string_agg(code, ',') FROM syntax_error s WHERE s.file_id = r.file_id "
                    + "AND s.msg_index = r.msg_index), '-') FROM message_result r JOIN inbound_file f ON f.id = r.file_id "
                    + "WHERE f.run_id = (SELECT MAX(run_id) FROM inbound_file) ORDER BY f.id, r.msg_index", String.class))
                    .containsExactly("HANGUKBANK CREMUL:D:96B:UN ACCEPTED -", "HANGUKBANK CUSDEC:D:96B:UN REJECTED 14",
                            "HANBITTRD CREMUL:D:96B:UN REJECTED 14");
            assertThat(contrl(home, BANK)).contains("UCM+1+CREMUL:D:96B:UN+7'", "UCM+2+CUSDEC:D:96B:UN+4+14+UNH+2:1'");
            // each line that is not a plain payment is in the exception report
            assertThat(app.jdbc().queryForList("SELECT code FROM exception_item WHERE category = 'PAYMENT' "
                    + "ORDER BY file_id, msg_index, seq", String.class))
                    .containsExactly("P13", "P12", "P11", "P10", "P31", "P30");

            // Night 3: A replaced lower (500.00 USD: 69,925, paid 139,850: 69,925 to refund), B replaced higher
            // (2,500.00 USD: value 3,496,250; duty 454,512; VAT 10 % of 3,950,762 = 395,076; 849,588, paid 400,000:
            // 449,588 open); the same advice again (refused whole); a new advice repeating TX002 and paying
            // 400,000 more of B.
            Files.write(app.inbox().resolve("n3.edi"), Interchange.from(HANBIT, "PAY0002")
                    .message(Cusdec.declaration("HBA0000001").replacement().importer("HANBIT001234", "HANBIT TRADING CO")
                            .item("8471300000", "CN", "1", "PCE", "500.00"))
                    .message(Cusdec.declaration("HBB0000001").replacement().importer("SEOULEL05678", "SEOUL ELECTRONICS")
                            .item("6109100000", "CN", "250", "PCE", "2500.00"))
                    .bytes());
            Files.write(app.inbox().resolve("n3-bank-again.edi"), advice);
            Files.write(app.inbox().resolve("n3-bank.edi"), cremul(BANK, "BK0002", List.of(
                    credit("TX002", b, "400000"), credit("TX009", b, "400000")), false));
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
            assertThat(app.jdbc().queryForObject("SELECT reason_code FROM inbound_file WHERE original_name = "
                    + "'n3-bank-again.edi'", String.class)).isEqualTo("0085:26");
            assertThat(lines(app).subList(9, 11)).containsExactly(
                    "TX002 REFUSED P30 - 0/0/0",
                    "TX009 PARTIAL - HBB0000001 400000/0/0");

            // The receivables, by hand.
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' v' || version || ' ' || tax_due::bigint || "
                    + "' paid ' || paid::bigint || ' refund ' || refund_due::bigint || ' open ' || open_amount::bigint "
                    + "FROM declaration_receivable "
                    + "ORDER BY declaration_no", String.class)).containsExactly(
                    "HBA0000001 v2 69925 paid 69925 refund 69925 open 0",
                    "HBB0000001 v2 849588 paid 800000 refund 0 open 49588",
                    "HBC0000001 v1 69925 paid 69925 refund 75 open 0",
                    "HBD0000001 v2 0 paid 0 refund 33983 open 0",
                    "HBE0000001 v1 67967 paid 67967 refund 0 open 0");
            // The accounts: 1010 = 139,850 + 400,000 + 70,000 + 33,983 + 10,000 + 5,000 + 67,967 + 400,000;
            // 2150 = 75 + 33,983 + 69,925 (A's credit balance); 2900 = 10,000 + 5,000.
            assertThat(balance(app, "1010")).isEqualByComparingTo("1126800");
            assertThat(balance(app, "2150")).isEqualByComparingTo("-103983");
            assertThat(balance(app, "2900")).isEqualByComparingTo("-15000");
            // The proof: the receivable's balance is the sum of the open amounts (49,588, B's).
            assertThat(balance(app, "1100")).isEqualByComparingTo("49588");
            assertThat(app.jdbc().queryForObject("SELECT SUM(open_amount) FROM declaration_receivable",
                    BigDecimal.class)).isEqualByComparingTo(balance(app, "1100"));
            // and the night's ledger summary says so (the run's id: 3)
            assertThat(Files.readString(home.resolve("reports/run-3/ledger-summary.txt"))).contains(
                    "receivables: 1100 balance 49588.00 KRW = open amounts 49588.00 - credit balances not yet "
                            + "refunded 0.00 KRW: proven");
            assertThat(app.jdbc().queryForList("SELECT idempotency_key FROM journal_entry WHERE idempotency_key "
                    + "LIKE 'REFUND:%'", String.class)).containsExactly("REFUND:HANBITTRD:HBA0000001:v2");
        }
    }

    static String[] credit(String ref, String number, String amount) {
        return new String[]{ref, number, amount, "KRW"};
    }

    /**
     * The segments between UNH and UNT of a one-message CREMUL holding the given credits: a message of an
     * interchange of several ({@code Interchange.message}).
     */
    static List<String> cremulBody(String sender, String controlRef, List<String[]> credits) {
        String text = new String(cremul(sender, controlRef, credits, false), StandardCharsets.ISO_8859_1);
        List<String> body = new ArrayList<>();
        for (String seg : text.split("'\n")) {
            if (!seg.startsWith("UNB") && !seg.startsWith("UNH") && !seg.startsWith("UNT") && !seg.startsWith("UNZ")
                    && !seg.isBlank()) {
                body.add(seg);
            }
        }
        return body;
    }

    /**
     * A CREMUL interchange (guide KCS-CREMUL-1) of one booking holding the given credits; with {@code cusdec}, a
     * CUSDEC follows it in the same interchange.
     */
    static byte[] cremul(String sender, String controlRef, List<String[]> credits, boolean cusdec) {
        List<String> body = new ArrayList<>();
        body.add("BGM+455+" + controlRef + "+9");
        body.add("DTM+137:20261127:102");
        body.add("LIN+1");
        body.add("DTM+209:20261127:102");
        BigDecimal total = BigDecimal.ZERO;
        for (String[] c : credits) {
            total = total.add(new BigDecimal(c[2]));
        }
        body.add("MOA+60:" + total.toPlainString() + ":KRW");
        body.add("RFF+ACK:" + controlRef + "-1");
        body.add("FII+BF+0012345678901");
        int n = 0;
        for (String[] c : credits) {
            body.add("SEQ++" + (++n));
            body.add("FII+BF+0012345678901");
            body.add("RFF+AIK:" + c[0]);
            body.add("RFF+PQ:" + c[1]);
            body.add("MOA+60:" + c[2] + ":" + c[3]);
        }
        Interchange i = Interchange.from(sender, controlRef).message("1", body);
        if (cusdec) {
            i.message(Cusdec.declaration("BKX0000001").item("8471300000", "CN", "1", "PCE", "10.00"));
        }
        return i.rewrite(t -> t.replaceFirst("\\+CUSDEC:D:96B:UN'", "+CREMUL:D:96B:UN'")).bytes();
    }

    private static Cusdec chain(String number, String function, String usd) {
        return Cusdec.declaration(number).function(function).importer("INCHAP034567", "INCHEON AUTO PARTS")
                .item("6109100000", "CN", "100", "PCE", usd);
    }

    static String number(TestApp app, String declarationNo) {
        Map<String, Object> r = app.jdbc().queryForMap("SELECT file_id, msg_index FROM declaration_number "
                + "WHERE declaration_no = ?", declarationNo);
        return PaymentNumber.of(((Number) r.get("file_id")).longValue(), ((Number) r.get("msg_index")).intValue());
    }

    private static List<String> lines(TestApp app) {
        return app.jdbc().queryForList("SELECT transaction_ref || ' ' || outcome || ' ' || COALESCE(code, '-') || ' ' "
                + "|| COALESCE(declaration_no, '-') || ' ' || applied::bigint || '/' || refund::bigint || '/' "
                + "|| suspense::bigint FROM payment_line ORDER BY file_id, msg_index, line_index", String.class);
    }

    private static BigDecimal balance(TestApp app, String account) {
        return app.jdbc().queryForObject("SELECT COALESCE(SUM(debit - credit), 0) FROM journal_line "
                + "WHERE account_code = ?", BigDecimal.class, account);
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }

    private static String contrl(Path home, String sender) throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("outbox").resolve(sender))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().startsWith("CONTRL")) {
                    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("\n", "");
                }
            }
        }
        throw new AssertionError("no CONTRL for " + sender);
    }
}
