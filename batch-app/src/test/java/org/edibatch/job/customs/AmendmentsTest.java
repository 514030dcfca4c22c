package org.edibatch.job.customs;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replacements and cancellations end to end, with amounts computed by hand. All declarations are in USD dated
 * 2026-11-25 (customs rate 1,398.50 KRW), VAT 10 %, amounts rounded down to the won; HS 8471300000 has no duty,
 * 6109100000 13 %.
 */
@SlowTest
class AmendmentsTest {

    private static final String HANBIT = "HANBITTRD";

    @Test
    void replacementsAndCancellationsPostReversalsAndAnswerTheDifference(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home)) {
            Files.createDirectories(app.inbox());
            // Night 1: the originals, one of them rejected, and a whole chain in one file.
            Files.write(app.inbox().resolve("night1.edi"), Interchange.from(HANBIT, "AMD0001")
                    // A: 2 laptops, 1,000.00 USD -> value 1,398,500; duty 0; VAT 139,850; owed 139,850
                    .message(Cusdec.declaration("HBA0000001").importer("HANBIT001234", "HANBIT TRADING CO")
                            .item("8471300000", "CN", "2", "PCE", "1000.00"))
                    // B: T-shirts 2,000.00 USD -> value 2,797,000; duty 13 % 363,610; VAT 10 % of 3,160,610 =
                    // 316,061; owed 679,671
                    .message(Cusdec.declaration("HBB0000001").importer("SEOULEL05678", "SEOUL ELECTRONICS")
                            .item("6109100000", "CN", "200", "PCE", "2000.00"))
                    // C: 1 laptop, 500.00 USD -> value 699,250; duty 0; VAT 69,925; owed 69,925
                    .message(Cusdec.declaration("HBC0000001").importer("BUSANFF09012", "BUSAN FRESH FOODS")
                            .item("8471300000", "CN", "1", "PCE", "500.00"))
                    // R: rejected (no tariff line), so its number is never accepted
                    .message(Cusdec.declaration("HBR0000001").item("9999999999", "CN", "1", "PCE", "10.00"))
                    // D: chain in one file, importer Incheon (party P004)
                    // v1 100.00 USD: value 139,850; duty 18,180 (18,180.5 down); VAT 10 % of 158,030 = 15,803;
                    //    owed 33,983
                    .message(chain("HBD0000001", "9", "100.00"))
                    // v2 200.00 USD: value 279,700; duty 36,361; VAT 10 % of 316,061 = 31,606; owed 67,967
                    .message(chain("HBD0000001", "5", "200.00"))
                    // v3 300.00 USD: value 419,550; duty 54,541 (54,541.5 down); VAT 10 % of 474,091 = 47,409;
                    //    owed 101,950
                    .message(chain("HBD0000001", "5", "300.00"))
                    // cancelled: the 101,950 reversed, 0 owed
                    .message(chain("HBD0000001", "1", "300.00"))
                    .bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS); // R is rejected

            // Night 2: amendments of night 1, and each refusal.
            Files.write(app.inbox().resolve("night2.edi"), Interchange.from(HANBIT, "AMD0002")
                    // A replaced, HS changed to T-shirts (13 %): value 1,398,500; duty 181,805; VAT 10 % of
                    // 1,580,305 = 158,030 (158,030.5 down); owed 339,835; difference +199,985 to pay
                    .message(Cusdec.declaration("HBA0000001").replacement()
                            .importer("HANBIT001234", "HANBIT TRADING CO").item("6109100000", "CN", "2", "PCE", "1000.00"))
                    // B replaced, value lowered to 1,500.00 USD: value 2,097,750; duty 272,707 (272,707.5 down);
                    // VAT 10 % of 2,370,457 = 237,045; owed 509,752; difference -169,919 to refund
                    .message(Cusdec.declaration("HBB0000001").replacement()
                            .importer("SEOULEL05678", "SEOUL ELECTRONICS").item("6109100000", "CN", "200", "PCE", "1500.00"))
                    // C cancelled: 69,925 reversed
                    .message(Cusdec.declaration("HBC0000001").cancellation()
                            .importer("BUSANFF09012", "BUSAN FRESH FOODS").item("8471300000", "CN", "1", "PCE", "500.00"))
                    // refusals: unknown number, number of a rejected original, already cancelled, duplicate original
                    .message(laptop("HBX0000001").replacement())
                    .message(laptop("HBR0000001").replacement())
                    .message(chain("HBD0000001", "5", "100.00"))
                    .message(laptop("HBA0000001"))
                    .bytes());
            // another sender replacing HANBITTRD's declaration
            Files.write(app.inbox().resolve("night2-seoul.edi"), Interchange.from("SEOULELEC", "AMD0003")
                    .message(laptop("HBA0000001").cancellation()).bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);

            // The ledger per importer (1100 debit - credit) equals the last version's assessment.
            assertThat(owed(app, "P001")).isEqualByComparingTo("339835");   // A version 2
            assertThat(owed(app, "P002")).isEqualByComparingTo("509752");   // B version 2
            assertThat(owed(app, "P003")).isEqualByComparingTo("0");        // C cancelled
            assertThat(owed(app, "P004")).isEqualByComparingTo("0");        // D cancelled
            assertThat(app.jdbc().queryForList("SELECT e.idempotency_key || ' ' || SUM(l.debit)::bigint || '/' || SUM(l.credit)::bigint "
                    + "FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id AND l.account_code = '1100' "
                    + "GROUP BY e.idempotency_key ORDER BY 1", String.class)).containsExactly(
                    "CUSDEC:HANBITTRD:HBA0000001 139850/0",
                    "CUSDEC:HANBITTRD:HBA0000001:v1:reversal 0/139850",
                    "CUSDEC:HANBITTRD:HBA0000001:v2 339835/0",
                    "CUSDEC:HANBITTRD:HBB0000001 679671/0",
                    "CUSDEC:HANBITTRD:HBB0000001:v1:reversal 0/679671",
                    "CUSDEC:HANBITTRD:HBB0000001:v2 509752/0",
                    "CUSDEC:HANBITTRD:HBC0000001 69925/0",
                    "CUSDEC:HANBITTRD:HBC0000001:v1:reversal 0/69925",
                    "CUSDEC:HANBITTRD:HBD0000001 33983/0",
                    "CUSDEC:HANBITTRD:HBD0000001:v1:reversal 0/33983",
                    "CUSDEC:HANBITTRD:HBD0000001:v2 67967/0",
                    "CUSDEC:HANBITTRD:HBD0000001:v2:reversal 0/67967",
                    "CUSDEC:HANBITTRD:HBD0000001:v3 101950/0",
                    "CUSDEC:HANBITTRD:HBD0000001:v3:reversal 0/101950");
            // duty and VAT revenue reversed alike: B's duty 363,610 -> 272,707, VAT 316,061 -> 237,045
            assertThat(app.jdbc().queryForList("SELECT l.account_code || ' ' || SUM(l.credit - l.debit)::bigint FROM journal_line l "
                    + "JOIN journal_entry e ON e.id = l.entry_id WHERE e.idempotency_key LIKE 'CUSDEC:HANBITTRD:HBB%' "
                    + "AND l.account_code <> '1100' GROUP BY l.account_code ORDER BY 1", String.class))
                    .containsExactly("4100 272707", "4200 237045");

            // Versions: D's chain is 2, 3 and the cancellation 4; nothing recorded for the refusals.
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' v' || version || ' ' || message_function || ' '"
                    + " || status || ' ' || duty_krw || '+' || vat_krw || ' was ' || previous_duty || '+' || previous_vat "
                    + "FROM declaration_version ORDER BY 1", String.class)).containsExactly(
                    "HBA0000001 v2 5 ACCEPTED 181805+158030 was 0+139850",
                    "HBB0000001 v2 5 ACCEPTED 272707+237045 was 363610+316061",
                    "HBC0000001 v2 1 CANCELLED 0+0 was 0+69925",
                    "HBD0000001 v2 5 ACCEPTED 36361+31606 was 18180+15803",
                    "HBD0000001 v3 5 ACCEPTED 54541+47409 was 36361+31606",
                    "HBD0000001 v4 1 CANCELLED 0+0 was 54541+47409");

            // Each refusal with its code, as a content exception; the amendments in their own category.
            assertThat(app.jdbc().queryForList("SELECT x.declaration_no || ' ' || x.category || ' ' || x.code "
                    + "FROM exception_item x JOIN interchange i ON i.file_id = x.file_id "
                    + "WHERE i.control_ref IN ('AMD0002', 'AMD0003') AND x.category <> 'SELECTIVITY' "
                    + "ORDER BY i.control_ref, x.msg_index, x.seq", String.class)).containsExactly(
                    "HBA0000001 AMENDMENT 1225:5",
                    "HBB0000001 AMENDMENT 1225:5",
                    "HBC0000001 AMENDMENT 1225:1",
                    "HBX0000001 CONTENT C170",
                    "HBR0000001 CONTENT C170",
                    "HBD0000001 CONTENT C171",
                    "HBA0000001 CONTENT C150",
                    "HBA0000001 CONTENT C172");
            String refund = app.jdbc().queryForObject("SELECT text FROM exception_item WHERE category = 'AMENDMENT' "
                    + "AND declaration_no = 'HBB0000001'", String.class);
            assertThat(refund).isEqualTo("replaced version 1 by version 2: customs value 2797000 -> 2097750 KRW, "
                    + "duty 363610 -> 272707, VAT 316061 -> 237045, to refund 169919 KRW");

            // The answers: the function answered, approved or not (7365 15/16), the difference to pay or refund.
            String night2 = cusres(home, "AMD0002");
            assertThat(night2).contains("BGM+962+KCS261125", "+5+AP'", "GIS+15'",
                    "RFF+ABT:HBA0000001'DTM+137:20261125:102'RFF+ACW:KCS261125")
                    .contains("TAX+9'MOA+40:1398500:KRW'MOA+176:139850:KRW'MOA+5:199985:KRW'")      // A: to pay
                    .contains("MOA+40:2797000:KRW'MOA+176:679671:KRW'MOA+5:-169919:KRW'")     // B: refund
                    .contains("+1+AP'", "FTX+AAO+++declaration cancelled", "MOA+176:69925:KRW'MOA+5:-69925:KRW'")
                    .contains("BGM+962+HBX0000001+5+RE'", "GIS+16'", "ERC+C170::86'", "ERC+C171::86'",
                            "BGM+962+HBA0000001+27'", "ERC+C150::86'");
            assertThat(cusres(home, "AMD0003")).contains("BGM+962+HBA0000001+1+RE'", "GIS+16'", "ERC+C172::86'");
            // The chain in one file: each version's difference to the one before
            String night1 = cusres(home, "AMD0001");
            assertThat(night1).contains("MOA+176:33983:KRW'MOA+5:33984:KRW'", "MOA+176:67967:KRW'MOA+5:33983:KRW'",
                    "MOA+176:101950:KRW'MOA+5:-101950:KRW'");

            // The history of D: its versions in order, the refused replacement of night 2, and the answers sent.
            StringWriter out = new StringWriter();
            assertThat(EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                    "history", HANBIT, "HBD0000001")).isEqualTo(ExitCodes.OK);
            List<String> lines = out.toString().lines().map(l -> l.replaceAll(" +", " ")).toList();
            assertThat(lines.get(0)).isEqualTo("declaration HBD0000001 from HANBITTRD: 5 message(s)");
            assertThat(lines.subList(2, 7)).extracting(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))
                    + " " + l.substring(l.lastIndexOf(' ') + 1))
                    .containsExactly("1 original ACCEPTED YELLOW", "2 replacement ACCEPTED YELLOW", "3 replacement ACCEPTED YELLOW",
                            "4 cancellation CANCELLED -", "- replacement REJECTED C171");
            assertThat(lines.get(4)).contains(" 419550 54541 47409 101950 ");
            assertThat(lines.get(7)).isEqualTo("answers sent:");
            assertThat(lines.subList(8, lines.size())).anyMatch(l -> l.contains("CUSRES") && l.contains("AMD0001"))
                    .anyMatch(l -> l.contains("CUSRES") && l.contains("AMD0002"));
            assertThat(EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()), "history", HANBIT, "NOSUCHNUMBER"))
                    .isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        }
    }

    /** An original and its amendments in one night give the ledger two nights give. */
    @Test
    void aChainInOneNightPostsWhatItPostsAcrossNights(@TempDir Path one, @TempDir Path two) throws Exception {
        List<Map<String, Object>> oneNight;
        try (TestApp app = TestApp.start(one)) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("all.edi"), Interchange.from(HANBIT, "CHN0001")
                    .message(chain("HBE0000001", "9", "100.00")).message(chain("HBE0000001", "5", "200.00"))
                    .message(chain("HBE0000001", "5", "300.00")).message(chain("HBE0000001", "1", "300.00")).bytes());
            assertThat(night(app)).as(() -> exceptions(app)).isEqualTo(ExitCodes.OK);
            oneNight = ledger(app);
            assertThat(owed(app, "P004")).isEqualByComparingTo("0");
        }
        try (TestApp app = TestApp.start(two)) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("first.edi"), Interchange.from(HANBIT, "CHN0001")
                    .message(chain("HBE0000001", "9", "100.00")).message(chain("HBE0000001", "5", "200.00")).bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            // after the first night: version 2 is owed (67,967)
            assertThat(owed(app, "P004")).isEqualByComparingTo("67967");
            Files.write(app.inbox().resolve("second.edi"), Interchange.from(HANBIT, "CHN0002")
                    .message(chain("HBE0000001", "5", "300.00")).message(chain("HBE0000001", "1", "300.00")).bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            assertThat(ledger(app)).isEqualTo(oneNight);
        }
        assertThat(oneNight).hasSize(6 * 3); // six entries (three versions, three reversals) of three lines
    }

    /** Once an officer has decided on a declaration in the console, its sender can no longer amend it (C173). */
    @Test
    void anOfficersDecisionClosesTheDeclarationToItsSender(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home)) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("first.edi"), Interchange.from(HANBIT, "OFD0001")
                    .message(chain("HBF0000001", "9", "100.00")).message(chain("HBF0000002", "9", "100.00")).bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            List<Map<String, Object>> before = ledger(app);
            // the console's insert (DecisionRepository), here as the owner would see it done
            app.jdbc().update("INSERT INTO officer_decision (sender, declaration_no, file_id, msg_index, kind, reason, "
                    + "officer_subject, officer_serial, decided_at) SELECT sender, declaration_no, file_id, msg_index, "
                    + "'RELEASE', 'documents checked', 'CN=officer', '1', now() FROM declaration "
                    + "WHERE declaration_no = 'HBF0000001'");
            Files.write(app.inbox().resolve("second.edi"), Interchange.from(HANBIT, "OFD0002")
                    .message(chain("HBF0000001", "5", "300.00")).message(chain("HBF0000002", "1", "100.00")).bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' ' || code FROM exception_item "
                    + "WHERE category = 'CONTENT' ORDER BY declaration_no", String.class))
                    .containsExactly("HBF0000001 C173");
            assertThat(cusres(home, "OFD0002")).contains("ERC+C173");
            // the decided declaration's ledger is untouched; the other one was cancelled (reversal posted)
            List<Map<String, Object>> after = ledger(app);
            assertThat(after).containsAll(before);
            assertThat(after.stream().map(r -> (String) r.get("idempotency_key")).distinct())
                    .containsExactlyInAnyOrder("CUSDEC:HANBITTRD:HBF0000001", "CUSDEC:HANBITTRD:HBF0000002",
                            "CUSDEC:HANBITTRD:HBF0000002:v1:reversal");
        }
    }

    private static String exceptions(TestApp app) {
        return app.jdbc().queryForList("SELECT category || ' ' || code || ' ' || text FROM exception_item", String.class)
                .toString();
    }

    private static Cusdec chain(String number, String function, String usd) {
        return Cusdec.declaration(number).function(function).importer("INCHAP034567", "INCHEON AUTO PARTS")
                .item("6109100000", "CN", "100", "PCE", usd);
    }

    private static Cusdec laptop(String number) {
        return Cusdec.declaration(number).item("8471300000", "CN", "1", "PCE", "1000.00");
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }

    private static BigDecimal owed(TestApp app, String party) {
        return app.jdbc().queryForObject("SELECT COALESCE(SUM(debit - credit), 0) FROM journal_line "
                + "WHERE account_code = '1100' AND party_id = ?", BigDecimal.class, party);
    }

    /** The ledger without ids or runs, ordered by key: what must not depend on how the messages were grouped. */
    private static List<Map<String, Object>> ledger(TestApp app) {
        return app.jdbc().queryForList("SELECT e.idempotency_key, e.entry_date, e.description, l.line_no, "
                + "l.account_code, l.party_id, l.debit, l.credit FROM journal_entry e JOIN journal_line l "
                + "ON l.entry_id = e.id ORDER BY e.idempotency_key, l.line_no");
    }

    /** The CUSRES interchange answering the file with this control reference, checked against the guide. */
    private static String cusres(Path home, String controlRef) throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("outbox"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("CUSRES") && name.contains(controlRef)) {
                    org.edibatch.support.Answers.parseValid(p); // against the guide KCS-CUSRES-1
                    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("\n", "");
                }
            }
        }
        throw new AssertionError("no CUSRES for " + controlRef);
    }
}
