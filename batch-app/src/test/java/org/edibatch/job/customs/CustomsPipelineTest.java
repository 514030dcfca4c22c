package org.edibatch.job.customs;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The customs job end to end on PostgreSQL over the generated sample set. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SlowTest
class CustomsPipelineTest {

    private Path home;

    private TestApp app;
    private JobExecution first;
    private Map<String, byte[]> samples;

    @BeforeAll
    void runOnce(@TempDir Path dir) throws Exception {
        home = dir;
        app = TestApp.start(home);
        samples = SampleSet.generate();
        SampleSet.write(app.inbox(), samples);
        first = app.runCustoms("first");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void runCompletesAndEveryFileIsArchivedOrQuarantined() throws Exception {
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        try (Stream<Path> inbox = Files.list(app.inbox())) {
            assertThat(inbox).isEmpty();
        }
        List<String> kept = new ArrayList<>();
        for (String folder : List.of("archive", "quarantine")) {
            try (Stream<Path> s = Files.walk(home.resolve(folder))) {
                s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(n -> !n.endsWith(".reason.txt")).forEach(kept::add);
            }
        }
        assertThat(kept).hasSize(samples.size());
        assertThat(kept.stream().map(n -> n.substring(n.indexOf('_') + 1)))
                .containsExactlyInAnyOrderElementsOf(samples.keySet());
    }

    @Test
    void everyAnswerIsRecordedWithTheDigestOfItsBytes() throws Exception {
        List<Map<String, Object>> answers = app.jdbc().queryForList("SELECT path, sha256 FROM answer");
        assertThat(answers).hasSizeGreaterThan(10);
        for (Map<String, Object> a : answers) {
            Path path = Path.of((String) a.get("path"));
            assertThat(a.get("sha256")).as(path.toString()).isEqualTo(org.edibatch.intake.FileDigest.sha256(path));
        }
    }

    @Test
    void ledgerBalances() {
        BigDecimal[] totals = app.jdbc().queryForObject("SELECT SUM(debit), SUM(credit) FROM journal_line",
                (rs, n) -> new BigDecimal[]{rs.getBigDecimal(1), rs.getBigDecimal(2)});
        assertThat(totals[0]).isPositive().isEqualByComparingTo(totals[1]);
        Integer unbalanced = app.jdbc().queryForObject("SELECT COUNT(*) FROM (SELECT entry_id FROM journal_line "
                + "GROUP BY entry_id HAVING SUM(debit) <> SUM(credit)) x", Integer.class);
        assertThat(unbalanced).isZero();
    }

    @Test
    void theLedgerSummaryStatesWhatTheJournalHolds() throws Exception {
        long run = first.getJobInstance().getInstanceId();
        Map<String, Object> scan = app.jdbc().queryForMap("SELECT COUNT(DISTINCT e.id) AS entries, SUM(l.debit) AS debits, "
                + "COALESCE(SUM(l.debit) FILTER (WHERE l.account_code = '4200'), 0) AS vat_debits, "
                + "SUM(l.credit) FILTER (WHERE l.account_code = '4200') AS vat FROM journal_entry e "
                + "JOIN journal_line l ON l.entry_id = e.id WHERE e.run_id = ?", run);
        String summary = Files.readString(home.resolve("reports/run-" + run + "/ledger-summary.txt"));
        assertThat(summary).contains("journal entries posted: " + scan.get("entries") + "\n")
                .contains("debits:  " + ((BigDecimal) scan.get("debits")).toPlainString() + " KRW\n")
                .contains("  4200 Import VAT revenue: debits " + ((BigDecimal) scan.get("vat_debits")).setScale(2).toPlainString()
                        + ", credits " + ((BigDecimal) scan.get("vat")).setScale(2).toPlainString() + " KRW\n")
                .contains("balanced: yes");
    }

    /** Values worked out by hand from DOMAIN.md's rules and the sample's rates (see the comments). */
    @ParameterizedTest
    @CsvSource({
            // USD 10,000.00 x 1,398.50 = 13,985,000; HS 8471300000 at 0%; VAT 10% of 13,985,000
            "HB2611250001, 13985000, 0, 1398500",
            // 2,500.00 x 1,398.50 = 3,496,250, duty 13% = 454,512(.5), VAT 10% x 3,950,762 = 395,076(.2)
            // 1,800.50 x 1,398.50 = 2,517,999(.25), duty 13% = 327,339(.87), VAT 10% x 2,845,338 = 284,533(.8)
            "HB2611250002, 6014249, 781851, 679609",
            // 1,500.00 x 1,398.50 = 2,097,750, duty 15% = 314,662(.5), VAT 10% x 2,412,412 = 241,241(.2)
            "HB2611250003, 2097750, 314662, 241241",
            // EUR 1,609.75: 193,170,000 at 0% (VAT 19,317,000) + 24,146,250 at 8% = 1,931,700 (VAT 2,607,795)
            "SE2611250001, 217316250, 1931700, 21924795",
            // JPY 9.1964 x 2,250,000 = 20,691,900, duty 8% = 1,655,352, VAT 10% x 22,347,252 = 2,234,725(.2)
            "MC2611250001, 20691900, 1655352, 2234725",
    })
    void acceptedDeclarationsCarryHandComputedDutyAndVatInDatabaseLedgerAndCusres(
            String declarationNo, long customsValue, long duty, long vat) throws Exception {
        Map<String, Object> row = app.jdbc().queryForMap("SELECT d.sender, d.status, d.customs_value_krw, d.duty_krw, "
                + "d.vat_krw, d.acceptance_no, f.sha256, i.control_ref FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "JOIN interchange i ON i.file_id = f.id WHERE d.declaration_no = ?", declarationNo);
        assertThat(row.get("status")).isEqualTo("ACCEPTED");
        assertThat((BigDecimal) row.get("customs_value_krw")).isEqualByComparingTo(BigDecimal.valueOf(customsValue));
        assertThat((BigDecimal) row.get("duty_krw")).isEqualByComparingTo(BigDecimal.valueOf(duty));
        assertThat((BigDecimal) row.get("vat_krw")).isEqualByComparingTo(BigDecimal.valueOf(vat));

        List<Map<String, Object>> lines = app.jdbc().queryForList("SELECT l.account_code, l.debit, l.credit FROM journal_line l "
                + "JOIN journal_entry e ON e.id = l.entry_id WHERE e.idempotency_key = ? ORDER BY l.line_no",
                "CUSDEC:" + row.get("sender") + ":" + declarationNo);
        assertThat((BigDecimal) lines.get(0).get("debit")).isEqualByComparingTo(BigDecimal.valueOf(duty + vat));
        BigDecimal vatCredit = lines.stream().filter(l -> "4200".equals(l.get("account_code")))
                .map(l -> (BigDecimal) l.get("credit")).findFirst().orElseThrow();
        assertThat(vatCredit).isEqualByComparingTo(BigDecimal.valueOf(vat));

        Path cusres = Answers.one(home.resolve("outbox").resolve((String) row.get("sender")),
                "CUSRES_" + row.get("control_ref") + "_");
        EdifactMessage answer = Answers.parseValid(cusres).stream()
                .filter(m -> Answers.segments(m, "RFF").get(0).value(1, 2).equals(declarationNo)).findFirst().orElseThrow();
        Segment bgm = Answers.segments(answer, "BGM").get(0);
        assertThat(bgm.value(2)).isEqualTo(row.get("acceptance_no"));
        assertThat(bgm.value(3)).isEqualTo("29");
        List<Segment> moa = Answers.segments(answer, "MOA");
        // D96B order: the TAX+7 CUD group (customs value, duty), TAX+7 VAT, then TAX+9 with the amount due
        List<String> expected = new ArrayList<>(List.of("40=" + customsValue, "124=" + duty, "124=" + vat));
        if (duty + vat > 0) {
            expected.add("9=" + (duty + vat));
        }
        assertThat(moa).extracting(s -> s.value(1, 1) + "=" + s.value(1, 2)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "DH2611250001, YELLOW, 40, R06",
            "DH2611250002, RED, 80, R02;R05",
            "DH2611250003, YELLOW, 50, R07",
            "HB2611250001, GREEN, 0, ''",
    })
    void selectivityChannelsFollowTheRulesUnlessTheSeededSamplePicksRed(String declarationNo, String channel,
                                                                        int score, String hits) {
        Map<String, Object> row = app.jdbc().queryForMap("SELECT channel, score, rule_hits FROM declaration "
                + "WHERE declaration_no = ?", declarationNo);
        String ruleHits = (String) row.get("rule_hits");
        assertThat(row.get("score")).isEqualTo(score);
        if (ruleHits.endsWith("RANDOM")) {
            assertThat(row.get("channel")).isEqualTo("RED");
            ruleHits = ruleHits.replaceAll(";?RANDOM$", "");
        } else {
            assertThat(row.get("channel")).isEqualTo(channel);
        }
        assertThat(ruleHits).isEqualTo(hits);
    }

    @ParameterizedTest
    @CsvSource({
            "B12, 12", "B13, 13", "B16, 16", "B21, 21", "B26, 26", "B28, 28", "B29, 29",
            "B35, 35", "B37, 37", "B39, 39", "B40, 40", "B45, 45",
    })
    void eachSyntaxErrorIsAnsweredInContrlForItsMessageOnly(String interchangeRef, String code) throws Exception {
        Path contrl = Answers.one(home.resolve("outbox/HANBITTRD"), "CONTRL_" + interchangeRef + "_");
        EdifactMessage m = Answers.parseValid(contrl).get(0);
        Segment uci = Answers.segments(m, "UCI").get(0);
        assertThat(uci.value(4)).isEqualTo("7");
        List<Segment> segs = m.segments();
        List<String> codesOfMessage2 = new ArrayList<>();
        String current = null;
        for (Segment s : segs) {
            switch (s.tag()) {
                case "UCM" -> {
                    current = s.value(1);
                    String expectedAction = "2".equals(current) ? "4" : "7";
                    if (!("B26".equals(interchangeRef) && "2".equals(current))) {
                        assertThat(s.value(3)).as("UCM %s action", current).isEqualTo(expectedAction);
                    }
                    if ("2".equals(current)) {
                        codesOfMessage2.add(s.value(4));
                    }
                }
                case "UCS" -> {
                    if ("2".equals(current)) {
                        codesOfMessage2.add(s.value(2));
                    }
                }
                case "UCD" -> {
                    if ("2".equals(current)) {
                        codesOfMessage2.add(s.value(1));
                    }
                }
                default -> {
                }
            }
        }
        assertThat(codesOfMessage2).contains(code);
        // the good messages of the same interchange were decided and answered
        Integer decided = app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN interchange i "
                + "ON i.file_id = d.file_id WHERE i.control_ref = ? AND d.status = 'ACCEPTED'", Integer.class, interchangeRef);
        assertThat(decided).isEqualTo("B26".equals(interchangeRef) ? 2 : 2);
    }

    @ParameterizedTest
    @CsvSource({"HANBITTRD, BZ29, 29", "HANBITTRD, BZ28, 28", "NOBODYCO, BU23, 23"})
    void envelopeErrorsRejectTheWholeInterchangeAndQuarantineIt(String sender, String ref, String code) throws Exception {
        EdifactMessage m = Answers.parseValid(Answers.one(home.resolve("outbox").resolve(sender), "CONTRL_" + ref + "_")).get(0);
        Segment uci = Answers.segments(m, "UCI").get(0);
        assertThat(uci.value(4)).isEqualTo("4");
        assertThat(uci.value(5)).isEqualTo(code);
        assertThat(Answers.segments(m, "UCM")).isEmpty();
        Map<String, Object> f = app.jdbc().queryForMap("SELECT f.state, f.final_path FROM inbound_file f "
                + "JOIN interchange i ON i.file_id = f.id WHERE i.control_ref = ?", ref);
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(Path.of((String) f.get("final_path"))).exists();
        assertThat(Path.of(f.get("final_path") + ".reason.txt")).content().contains("0085:" + code);
        Integer posted = app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN interchange i "
                + "ON i.file_id = d.file_id WHERE i.control_ref = ?", Integer.class, ref);
        assertThat(posted).isZero();
    }

    @ParameterizedTest
    @CsvSource({"C110, C110", "C120, C120", "C130, C130", "C140, C140"})
    void eachContentErrorIsAnsweredInCusresWithItsCode(String ref, String code) throws Exception {
        List<EdifactMessage> answers = Answers.parseValid(Answers.one(home.resolve("outbox/HANBITTRD"), "CUSRES_" + ref + "_"));
        assertThat(answers).hasSize(3);
        assertThat(Answers.segments(answers.get(0), "BGM").get(0).value(3)).isEqualTo("29");
        assertThat(Answers.segments(answers.get(1), "BGM").get(0).value(3)).isEqualTo("27");
        assertThat(Answers.segments(answers.get(1), "ERC")).extracting(s -> s.value(1, 1)).containsExactly(code);
        assertThat(Answers.segments(answers.get(2), "BGM").get(0).value(3)).isEqualTo("29");
    }

    @Test
    void aDuplicateDeclarationNumberIsRejectedAndPostedOnce() throws Exception {
        List<EdifactMessage> answers = Answers.parseValid(Answers.one(home.resolve("outbox/HANBITTRD"), "CUSRES_C150_"));
        assertThat(Answers.segments(answers.get(2), "BGM").get(0).value(3)).isEqualTo("27");
        assertThat(Answers.segments(answers.get(2), "ERC").get(0).value(1, 1)).isEqualTo("C150");
        Integer entries = app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key = ?",
                Integer.class, "CUSDEC:HANBITTRD:CX1500001");
        assertThat(entries).isEqualTo(1);
    }

    @Test
    void everyAnswerFileParsesBackAsValidEdifact() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(home.resolve("outbox"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path p : files) {
            assertThat(Answers.parseValid(p)).isNotEmpty();
        }
    }

    @Test
    void theExceptionFileNamesEveryBadSampleAndNoGoodOne() throws Exception {
        Path csv = home.resolve("reports/run-" + first.getJobInstance().getInstanceId() + "/exceptions.csv");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("category,sender,file");
        for (String name : samples.keySet()) {
            if (name.startsWith("bad-")) {
                assertThat(lines).as(name).anyMatch(l -> l.contains(name));
            }
        }
        assertThat(lines).filteredOn(l -> l.contains("good-")).allMatch(l -> l.startsWith("SELECTIVITY,"));
        assertThat(lines).anyMatch(l -> l.contains("bad-not-edifact.txt") && l.contains("NOT_EDIFACT"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // changes the database: runs after the assertions on the first run
    void aSecondRunOverTheSameFilesPostsNothingNewAndAnswersDuplicates() throws Exception {
        long entriesBefore = app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry", Long.class);
        BigDecimal debitsBefore = app.jdbc().queryForObject("SELECT SUM(debit) FROM journal_line", BigDecimal.class);
        SampleSet.write(app.inbox(), samples);
        JobExecution second = app.runCustoms("second");
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry", Long.class)).isEqualTo(entriesBefore);
        assertThat(app.jdbc().queryForObject("SELECT SUM(debit) FROM journal_line", BigDecimal.class))
                .isEqualByComparingTo(debitsBefore);
        long run = second.getJobInstance().getInstanceId();
        List<String> states = app.jdbc().queryForList("SELECT DISTINCT state FROM inbound_file WHERE run_id = ?",
                String.class, run);
        assertThat(states).containsExactly("QUARANTINED");
        Integer duplicates = app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item WHERE run_id = ? "
                + "AND code = '0085:26'", Integer.class, run);
        assertThat(duplicates).isEqualTo(samples.size());
    }
}
