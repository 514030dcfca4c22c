package org.edibatch.job.customs;

import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.console.DecisionForm;
import org.edibatch.console.DecisionKind;
import org.edibatch.console.DecisionRepository;
import org.edibatch.console.Officer;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.signature.OfficerRole;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly run applies the officers' decisions, amounts computed by hand. Declarations of DAEHANCB in USD dated
 * 2026-11-25 (customs rate 1,398.50 KRW), VAT 10 %, amounts rounded down to the won.
 * <ul>
 * <li>A: gold (3 %) from AF, red: 70,000.00 USD = 97,895,000; duty 2,936,850; VAT 10 % of 100,831,850 =
 * 10,083,185; owed 13,020,035.</li>
 * <li>B: tyres (8 %), poor-history importer, yellow: 16,000.00 USD = 22,376,000; duty 1,790,080; VAT 10 % of
 * 24,166,080 = 2,416,608; owed 4,206,688.</li>
 * <li>C: watches (8 %) below the reference price, yellow: 1,000.00 USD = 1,398,500; duty 111,880; VAT 10 % of
 * 1,510,380 = 151,038; owed 262,918.</li>
 * </ul>
 */
@SlowTest
class OfficerDecisionsTest {

    private static final String SENDER = "DAEHANCB";
    private static final Officer KIM = new Officer("CN=Kim Officer", "1a", OfficerRole.OFFICER);

    @Test
    void reassessmentRefusalAndReleaseAreAppliedOnceAndAnswered(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home)) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("night1.edi"), Interchange.from(SENDER, "OD0001")
                    .message(Cusdec.declaration("ODA0000001").importer("GANGNL077889", "GANGNAM LUXURY GOODS")
                            .declarant("DAEHANCB0001").item("7108130000", "AF", "1000", "GRM", "70000.00"))
                    .message(Cusdec.declaration("ODB0000001").importer("INCHAP034567", "INCHEON AUTO PARTS")
                            .declarant("DAEHANCB0001").item("4011100000", "CN", "400", "PCE", "16000.00"))
                    .message(Cusdec.declaration("ODC0000001").importer("GANGNL077889", "GANGNAM LUXURY GOODS")
                            .declarant("DAEHANCB0001").item("9102110000", "CH", "100", "PCE", "1000.00"))
                    .bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' ' || channel FROM declaration "
                    + "ORDER BY declaration_no", String.class))
                    .containsExactly("ODA0000001 RED", "ODB0000001 YELLOW", "ODC0000001 YELLOW");
            String accepted = acceptance(app, "ODA0000001");

            DecisionRepository decisions = new DecisionRepository(new NamedParameterJdbcTemplate(app.jdbc()));
            // A reassessed as laptops (0 %): value 97,895,000; duty 0; VAT 9,789,500; difference -3,230,535
            long a = decide(app, decisions, "ODA0000001", "REASSESS", "8471300000", null);
            long b = decide(app, decisions, "ODB0000001", "REFUSE", null, null);
            long c = decide(app, decisions, "ODC0000001", "RELEASE", null, null);
            assertThat(night(app)).isEqualTo(ExitCodes.OK);

            assertThat(entries(app)).containsExactly(
                    "CUSDEC:DAEHANCB:ODA0000001 13020035/0",
                    "CUSDEC:DAEHANCB:ODA0000001:v1:reversal 0/13020035",
                    "CUSDEC:DAEHANCB:ODA0000001:v2 9789500/0",
                    "CUSDEC:DAEHANCB:ODB0000001 4206688/0",
                    "CUSDEC:DAEHANCB:ODB0000001:v1:reversal 0/4206688",
                    "CUSDEC:DAEHANCB:ODC0000001 262918/0");
            // revenue: A's duty 2,936,850 reversed to 0, its VAT 10,083,185 to 9,789,500
            assertThat(app.jdbc().queryForList("SELECT l.account_code || ' ' || SUM(l.credit - l.debit)::bigint "
                    + "FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                    + "WHERE e.idempotency_key LIKE 'CUSDEC:DAEHANCB:ODA%' AND l.account_code <> '1100' "
                    + "GROUP BY l.account_code ORDER BY 1", String.class)).containsExactly("4100 0", "4200 9789500");
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' v' || version || ' ' || message_function "
                    + "|| ' ' || status || ' ' || duty_krw || '+' || vat_krw || ' d' || (decision_id IS NOT NULL) "
                    + "FROM declaration_version ORDER BY declaration_no", String.class)).containsExactly(
                    "ODA0000001 v2 5 ACCEPTED 0+9789500 dtrue", "ODB0000001 v2 1 REFUSED 0+0 dtrue");
            assertThat(app.jdbc().queryForList("SELECT decision_id || ' ' || outcome || ' ' || COALESCE(version, 0) "
                    + "FROM officer_decision_applied ORDER BY decision_id", String.class))
                    .containsExactly(a + " APPLIED 2", b + " APPLIED 2", c + " APPLIED 0");

            String reassessed = answer(home, a);
            assertThat(reassessed).contains("BGM+962+" + acceptance(app, "ODA0000001", 2) + "+30+AP'")
                    .contains("GIS+15'").contains("MOA+124:0:KRW'").contains("MOA+124:9789500:KRW'")
                    .contains("MOA+40:97895000:KRW'").contains("RFF+ACW:" + accepted + "'")
                    .contains("MOA+176:13020035:KRW'").contains("MOA+5:-3230535:KRW'")
                    .contains("RFF+ABT:ODA0000001'");
            assertThat(answer(home, b)).contains("BGM+962+ODB0000001+27'").contains("ERC+C180::86'");
            assertThat(answerFiles(home)).hasSize(2);
            assertThat(app.jdbc().queryForList("SELECT kind FROM answer WHERE kind LIKE 'CUSRES-D%' ORDER BY kind",
                    String.class)).containsExactly("CUSRES-D" + a, "CUSRES-D" + b);

            // Applied twice: the next run finds nothing to apply, posts nothing and writes no answer again.
            List<String> ledger = entries(app);
            Map<Path, byte[]> answers = answerFiles(home);
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            assertThat(entries(app)).isEqualTo(ledger);
            assertThat(answerFiles(home)).containsOnlyKeys(answers.keySet());
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM officer_decision_applied", Integer.class))
                    .isEqualTo(3);

            // A later decision supersedes: A reassessed at a customs value of 50,000,000 KRW (the gold's 3 % again,
            // corrections apply to what the sender sent): duty 1,500,000; VAT 5,150,000; owed 6,650,000
            long a2 = decide(app, decisions, "ODA0000001", "REASSESS", null, "50000000");
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            assertThat(entries(app)).contains("CUSDEC:DAEHANCB:ODA0000001:v2:reversal 0/9789500",
                    "CUSDEC:DAEHANCB:ODA0000001:v3 6650000/0");
            assertThat(app.jdbc().queryForObject("SELECT SUM(debit - credit) FROM journal_line WHERE account_code = "
                    + "'1100' AND party_id = 'P007'", BigDecimal.class)).isEqualByComparingTo("6912918"); // A + C
            assertThat(answer(home, a2)).contains("MOA+124:1500000:KRW'").contains("MOA+124:5150000:KRW'")
                    .contains("MOA+40:50000000:KRW'").contains("MOA+5:-3139500:KRW'");
        }
    }

    private static long decide(TestApp app, DecisionRepository decisions, String number, String kind, String hs,
                               String value) {
        Map<String, Object> m = app.jdbc().queryForMap("SELECT file_id, msg_index FROM declaration "
                + "WHERE declaration_no = ?", number);
        DecisionForm.Result form = DecisionForm.check(kind, "checked by " + kind, hs, value, null, code -> true);
        assertThat(form.ok()).as(form.errors().toString()).isTrue();
        assertThat(form.decision().kind()).isEqualTo(DecisionKind.valueOf(kind));
        return decisions.record(((Number) m.get("file_id")).longValue(), ((Number) m.get("msg_index")).intValue(),
                form.decision(), KIM, Instant.parse(TestApp.FIXED_CLOCK));
    }

    private static String acceptance(TestApp app, String number) {
        return app.jdbc().queryForObject("SELECT acceptance_no FROM declaration WHERE declaration_no = ?",
                String.class, number);
    }

    private static String acceptance(TestApp app, String number, int version) {
        return app.jdbc().queryForObject("SELECT acceptance_no FROM declaration_version WHERE declaration_no = ? "
                + "AND version = ?", String.class, number, version);
    }

    private static List<String> entries(TestApp app) {
        return app.jdbc().queryForList("SELECT e.idempotency_key || ' ' || SUM(l.debit)::bigint || '/' "
                + "|| SUM(l.credit)::bigint FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id "
                + "AND l.account_code = '1100' GROUP BY e.idempotency_key ORDER BY 1", String.class);
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }

    /** The answer to a decision, checked against the guide KCS-CUSRES-1. */
    private static String answer(Path home, long decision) throws Exception {
        for (Map.Entry<Path, byte[]> f : answerFiles(home).entrySet()) {
            if (f.getKey().getFileName().toString().startsWith("CUSRES_D" + decision + "_")) {
                org.edibatch.support.Answers.parseValid(f.getKey());
                return new String(f.getValue(), StandardCharsets.UTF_8).replace("\n", "");
            }
        }
        throw new AssertionError("no answer to decision " + decision);
    }

    private static Map<Path, byte[]> answerFiles(Path home) throws Exception {
        Map<Path, byte[]> found = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(home.resolve("outbox"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().startsWith("CUSRES_D")) {
                    found.put(p, Files.readAllBytes(p));
                }
            }
        }
        return found;
    }
}
