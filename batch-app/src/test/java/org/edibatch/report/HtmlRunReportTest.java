package org.edibatch.report;

import org.edibatch.run.RunRepository;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML exception report of a real run over the sample set, checked as a browser sees it: headless
 * Chromium runs the page's script, and the DOM it dumps is what the assertions read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class HtmlRunReportTest {

    /** A sender-chosen file name and text that would run script if the page did not escape them. */
    private static final String HOSTILE_FILE = "<script>document.title='pwned'</script>.edi";
    private static final String HOSTILE_TEXT = "\"><img src=x onerror=\"document.title='pwned'\"> & <b>bold</b>";

    private static final ZonedDateTime GENERATED = ZonedDateTime.of(2026, 11, 28, 10, 5, 0, 0, ZoneId.of("Asia/Seoul"));
    private static final long CHROMIUM_TIMEOUT_SECONDS = 90;
    private static final Pattern ROW = Pattern.compile("<tr data-category=\"([A-Z]+)\"( hidden=\"\")?>(.*?)</tr>",
            Pattern.DOTALL);
    private static final Pattern METRIC = Pattern.compile("data-metric=\"([a-zA-Z0-9-]+)\" data-value=\"([^\"]*)\"");

    private TestApp app;
    private Map<String, byte[]> samples;
    private long runId;
    private Path page;
    private String html;
    private Path hostilePage;
    private String hostileHtml;

    @BeforeAll
    void runAndWrite(@TempDir Path home) throws Exception {
        app = TestApp.start(home);
        samples = SampleSet.generate();
        SampleSet.write(app.inbox(), samples);
        JobExecution run = app.runCustoms("html-report");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = run.getJobInstance().getInstanceId();
        JdbcTemplate jdbc = app.jdbc();
        page = home.resolve("reports/run-" + runId + "/exceptions.html");
        new HtmlRunReport(jdbc).write(page, runId, GENERATED);
        html = Files.readString(page);

        // A run of its own, so the sample run's page and counts stay exactly what the job produced.
        long hostileRun = runId + 1000;
        long fileId = jdbc.queryForObject("SELECT MIN(id) FROM inbound_file WHERE run_id = ?", Long.class, runId);
        jdbc.update("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, "
                        + "message_ref, declaration_no, code, text, rule_hits) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                hostileRun, fileId, 999, 0, "CONTENT", "EVIL&CO", HOSTILE_FILE, "1'--", "</td></tr><tr>", "C999",
                HOSTILE_TEXT, "<!--");
        hostilePage = home.resolve("reports/run-" + hostileRun + "/exceptions.html");
        new HtmlRunReport(jdbc).write(hostilePage, hostileRun, GENERATED);
        hostileHtml = Files.readString(hostilePage);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void thePageIsSelfContainedEscapedAndPrintable() throws IOException {
        assertThat(page.resolveSibling("exceptions.csv")).as("the CSV the page links to").exists();
        assertThat(html).contains("href=\"exceptions.csv\"")
                .doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"?(https?:)?//")
                .doesNotContainPattern("(?i)@import|url\\(")
                .contains("<svg").contains("@media print")
                .containsPattern(Pattern.compile("@media print\\{.*\\.no-print,\\.controls\\{display:none", Pattern.DOTALL));
        assertThat(html).as("the style sheet and script are inlined as they are in the resources")
                .contains("<style>" + resource("static/report/report.css") + "</style>")
                .contains("<script>" + resource("static/report/report.js") + "</script>")
                .as("no template markup is left in the page").doesNotContainPattern("[\\s<]th:[a-z-]+").doesNotContain("${");
        assertThat(html).as("one script element: the page's own").containsOnlyOnce("<script");
        assertThat(hostileHtml).as("one script element: the page's own").containsOnlyOnce("<script");
        assertThat(hostileHtml).doesNotContain(HOSTILE_FILE).doesNotContain("<img").doesNotContain("<!--")
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;.edi")
                .contains("&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .contains("&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;").contains("EVIL&amp;CO").contains("&lt;!--");
        assertThat(html).contains("Run <span data-metric=\"run-id\" data-value=\"" + runId + "\">")
                .contains("28 November 2026, 10:05:00 UTC+09:00").contains("Asia/Seoul");
    }

    @Test
    void aBigRunListsTheFirstItemsOfEachCategoryAndPointsToTheCsv(@TempDir Path dir) throws Exception {
        assertThat(html).as("the sample run is small: nothing is left out").doesNotContain("class=\"notice\"");
        Map<String, Long> byCategory = new HashMap<>();
        app.jdbc().query("SELECT category, COUNT(*) FROM exception_item WHERE run_id = ? GROUP BY category",
                rs -> { byCategory.put(rs.getString(1), rs.getLong(2)); }, runId);
        long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
        assertThat(byCategory.values()).as("a category with more than two items").anyMatch(n -> n > 2);

        Path capped = dir.resolve("exceptions.html");
        new HtmlRunReport(app.jdbc(), 2).write(capped, runId, GENERATED);
        String cappedHtml = Files.readString(capped);
        List<Row> rows = rows(cappedHtml);
        long expectedShown = byCategory.values().stream().mapToLong(n -> Math.min(n, 2)).sum();
        assertThat(rows).hasSize((int) expectedShown);
        byCategory.forEach((category, n) -> assertThat(rows).filteredOn(r -> r.category().equals(category))
                .as(category).hasSize((int) Math.min(n, 2)));
        assertThat(metrics(cappedHtml)).containsEntry("items-shown", Long.toString(expectedShown))
                .containsEntry("exceptions-total", Long.toString(total));
        assertThat(cappedHtml).contains("This page lists the first 2 items of each category: " + expectedShown + " of "
                + total + ". Every item is in <a href=\"exceptions.csv\" download>exceptions.csv</a>.");
        // still in file order: the same rows as the full page's, in the same sequence
        List<String> full = rows(html).stream().map(Row::html).toList();
        List<String> shown = rows.stream().map(Row::html).toList();
        assertThat(full).containsSubsequence(shown);
    }

    @Test
    void chromiumShowsEveryRejectedFileAndTheSummaryTheDatabaseHolds() throws Exception {
        String dom = dumpDom(page, "");
        List<Row> rows = rows(dom);
        long items = app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item WHERE run_id = ?", Long.class, runId);
        assertThat(rows).hasSize((int) items).allMatch(r -> !r.hidden());
        for (String name : samples.keySet()) {
            if (name.startsWith("bad-")) {
                assertThat(rows).as("a table row for %s", name).anyMatch(r -> r.file().equals(name));
            }
        }
        assertThat(rows).filteredOn(r -> r.file().startsWith("good-")).extracting(Row::category)
                .containsOnly("SELECTIVITY");

        Map<String, String> shown = metrics(dom);
        Map<String, String> expected = new HashMap<>();
        expected.put("run-id", Long.toString(runId));
        expected.put("files-received", count("SELECT COUNT(*) FROM inbound_file WHERE run_id = ?"));
        expected.put("files-accepted", count("SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state = 'ARCHIVED'"));
        expected.put("files-quarantined", count("SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state = 'QUARANTINED'"));
        // the closing line's counts: every message read is accepted, rejected or refused with its interchange
        RunRepository.CustomsCounts closing = new RunRepository(app.jdbc()).customsCounts(runId);
        expected.put("messages", Long.toString(closing.messages()));
        expected.put("messages-accepted", Long.toString(closing.accepted()));
        expected.put("messages-rejected", Long.toString(closing.rejected()));
        expected.put("messages-refused", Long.toString(closing.refused()));
        expected.put("declarations-accepted", count("SELECT COUNT(*) FROM declaration d JOIN inbound_file f "
                + "ON f.id = d.file_id WHERE f.run_id = ? AND d.status = 'ACCEPTED'"));
        expected.put("declarations-rejected", count("SELECT COUNT(*) FROM declaration d JOIN inbound_file f "
                + "ON f.id = d.file_id WHERE f.run_id = ? AND d.status = 'REJECTED'"));
        expected.put("exceptions-total", Long.toString(items));
        for (String c : HtmlRunReport.CATEGORIES) {
            expected.put("category-" + c, count("SELECT COUNT(*) FROM exception_item WHERE run_id = ? AND category = '"
                    + c + "'"));
        }
        expected.put("ledger-entries", count("SELECT COUNT(*) FROM journal_entry WHERE run_id = ?"));
        assertThat(shown).containsAllEntriesOf(expected);
        assertThat(Long.parseLong(shown.get("files-accepted")) + Long.parseLong(shown.get("files-quarantined")))
                .isEqualTo(samples.size());
        assertThat(Long.parseLong(shown.get("files-quarantined"))).isPositive();
        assertThat(closing.refused()).as("the sample set has interchanges refused whole").isPositive();
        assertThat(closing.messages()).isEqualTo(closing.accepted() + closing.rejected() + closing.refused());
        assertThat(Long.parseLong(shown.get("declarations-accepted"))).isPositive();

        BigDecimal[] ledger = app.jdbc().queryForObject("SELECT COALESCE(SUM(l.debit),0), COALESCE(SUM(l.credit),0), "
                        + "COALESCE(SUM(l.credit) FILTER (WHERE l.account_code = '4100'),0), "
                        + "COALESCE(SUM(l.credit) FILTER (WHERE l.account_code = '4200'),0) "
                        + "FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id WHERE e.run_id = ?",
                (rs, n) -> new BigDecimal[]{rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)}, runId);
        assertThat(new BigDecimal(shown.get("ledger-debits"))).isPositive().isEqualByComparingTo(ledger[0]);
        assertThat(new BigDecimal(shown.get("ledger-credits"))).isEqualByComparingTo(ledger[1]);
        assertThat(new BigDecimal(shown.get("ledger-duty-4100"))).isPositive().isEqualByComparingTo(ledger[2]);
        assertThat(new BigDecimal(shown.get("ledger-vat-4200"))).isPositive().isEqualByComparingTo(ledger[3]);
        assertThat(shown.get("ledger-balanced")).isEqualTo("true");

        assertThat(dom).as("one bar per category, sized by its count")
                .contains("data-category=\"FILE\" data-count=\"" + expected.get("category-FILE") + "\"")
                .contains("data-category=\"SELECTIVITY\" data-count=\"" + expected.get("category-SELECTIVITY") + "\"");
    }

    @Test
    void theFragmentFiltersByCategoryAndSortsByScore() throws Exception {
        List<Row> rows = rows(dumpDom(page, "#category=SELECTIVITY&sort=score&dir=desc"));
        List<Row> visible = rows.stream().filter(r -> !r.hidden()).toList();
        assertThat(visible).isNotEmpty().extracting(Row::category).containsOnly("SELECTIVITY");
        assertThat(rows).filteredOn(Row::hidden).isNotEmpty().extracting(Row::category).doesNotContain("SELECTIVITY");
        List<Integer> scores = new ArrayList<>();
        for (Row r : visible) {
            scores.add(Integer.parseInt(r.cell("score")));
        }
        assertThat(scores).hasSizeGreaterThan(1).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(scores.get(0)).isGreaterThan(scores.get(scores.size() - 1));

        List<Row> content = rows(dumpDom(page, "#category=CONTENT&q=unknown"));
        assertThat(content).filteredOn(r -> !r.hidden()).isNotEmpty()
                .allMatch(r -> r.category().equals("CONTENT") && r.html().toLowerCase().contains("unknown"));
        assertThat(content).filteredOn(r -> !r.hidden()).extracting(Row::file)
                .contains("bad-content-unknown-importer.edi", "bad-content-unknown-hs-code.edi");
    }

    @Test
    void hostileSenderDataStaysTextInTheBrowser() throws Exception {
        String dom = dumpDom(hostilePage, "");
        assertThat(dom).as("no injected script ran").doesNotContain("<title>pwned")
                .contains("<title>Exception report");
        assertThat(dom).doesNotContain("<img").doesNotContain("<b>bold");
        List<Row> rows = rows(dom);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).file()).isEqualTo("&lt;script&gt;document.title='pwned'&lt;/script&gt;.edi");
        assertThat(rows.get(0).cell("declaration_no")).isEqualTo("&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;");
        assertThat(rows.get(0).cell("sender")).isEqualTo("EVIL&amp;CO");
        assertThat(metrics(dom)).containsEntry("exceptions-total", "1").containsEntry("files-received", "0");
    }

    @Test
    void aScreenshotIsSavedForReview() throws Exception {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/report-screenshots").toAbsolutePath();
        Files.createDirectories(dir);
        Files.copy(page, dir.resolve("exceptions.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path png = dir.resolve("exceptions-run.png");
        Files.deleteIfExists(png);
        chromium("--screenshot=" + png, "--window-size=1400,2000", page.toUri().toString());
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("PNG size").isGreaterThan(50_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

        Path filtered = dir.resolve("exceptions-run-selectivity.png");
        Files.deleteIfExists(filtered);
        chromium("--screenshot=" + filtered, "--window-size=1400,1400",
                page.toUri() + "#category=SELECTIVITY&sort=score&dir=desc");
        assertThat(filtered).exists();
        assertThat(Files.size(filtered)).isGreaterThan(30_000);
    }

    // ------------------------------------------------------------------------------------------------

    private static String resource(String path) throws IOException {
        try (var in = HtmlRunReport.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String count(String sql) {
        return app.jdbc().queryForObject(sql, Long.class, runId).toString();
    }

    record Row(String category, boolean hidden, String html) {
        String cell(String column) {
            Matcher m = Pattern.compile("<td class=\"c-" + column + "[^\"]*\">(.*?)</td>").matcher(html);
            return m.find() ? m.group(1).replaceAll("<[^>]+>", "") : null;
        }

        String file() {
            return cell("file");
        }
    }

    private static List<Row> rows(String dom) {
        List<Row> rows = new ArrayList<>();
        Matcher m = ROW.matcher(dom);
        while (m.find()) {
            rows.add(new Row(m.group(1), m.group(2) != null, m.group(3)));
        }
        return rows;
    }

    private static Map<String, String> metrics(String dom) {
        Map<String, String> out = new HashMap<>();
        Matcher m = METRIC.matcher(dom);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static String dumpDom(Path file, String fragment) throws Exception {
        return chromium("--dump-dom", file.toUri() + fragment);
    }

    /** Runs one headless Chromium call in a fresh profile, time-boxed; returns its standard output. */
    private static String chromium(String... args) throws Exception {
        Optional<Path> binary = chromiumBinary();
        assumeTrue(binary.isPresent(), "no chromium binary (set CHROMIUM_BIN, or apt-get install -y chromium)");
        Path profile = Files.createTempDirectory("report-chromium-");
        Path out = Files.createTempFile("chromium-", ".out");
        Path err = Files.createTempFile("chromium-", ".err");
        List<String> command = new ArrayList<>(List.of(binary.get().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            boolean done = p.waitFor(CHROMIUM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("chromium finished within %ss: %s", CHROMIUM_TIMEOUT_SECONDS, command).isTrue();
            assertThat(p.exitValue()).as("chromium exit code; stderr: %s", Files.readString(err)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            // Chromium leaves renderer and zygote children; end the whole tree of this call, and only it.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<Path> chromiumBinary() {
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
