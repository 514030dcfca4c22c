package org.edibatch.console;

import org.edibatch.samples.SampleSet;
import org.edibatch.signature.OfficerPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console as an officer's and an auditor's TLS clients see it, over the data of a real customs run of the
 * sample set: who gets in, what the pages show, the decisions and what the database keeps of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ConsoleServeTest {

    private static final String HOSTILE = "<script>document.title='pwned'</script>";
    private static final Pattern QUEUE_ROW = Pattern.compile(
            "<tr data-channel=\"(RED|YELLOW)\">.*?href=\"/declarations/(\\d+)/(\\d+)\"", Pattern.DOTALL);
    private static final Pattern EXCEPTION_ROW = Pattern.compile(
            "<tr data-category=\"[A-Z]+\" data-item=\"(\\d+/-?\\d+/\\d+)\">");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    private TestApp app;
    private OfficerPki pki;
    private int port;
    private long runId;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        pki = OfficerPki.create(home.resolve("pki"), Instant.now());
        app = TestApp.start(home, "spring.main.web-application-type=servlet", "edibatch.console.port=0",
                "edibatch.console.page-size=3");
        SampleSet.write(app.inbox(), SampleSet.generate());
        JobExecution run = app.runCustoms("console");
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = run.getJobInstance().getInstanceId();
        port = ((WebServerApplicationContext) app.context()).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private ConsoleClient as(String alias) throws Exception {
        return ConsoleClient.of(pki, alias, port);
    }

    @Test
    void theQueueListsEveryDeclarationInReviewOldestFirstPageByPage() throws Exception {
        List<String> expected = app.jdbc().queryForList("SELECT d.file_id || '/' || d.msg_index FROM declaration d "
                + "JOIN inbound_file f ON f.id = d.file_id WHERE d.status = 'ACCEPTED' "
                + "AND d.channel IN ('YELLOW','RED') AND NOT EXISTS (SELECT 1 FROM officer_decision o "
                + "WHERE o.sender = d.sender AND o.declaration_no = d.declaration_no) "
                + "AND NOT EXISTS (SELECT 1 FROM declaration m WHERE m.status = 'ACCEPTED' "
                + "AND m.message_function IN ('5','1') AND m.sender = d.sender AND m.declaration_no = d.declaration_no "
                + "AND (m.file_id, m.msg_index) > (d.file_id, d.msg_index)) "
                + "ORDER BY f.received_at, f.id, d.msg_index", String.class);
        assertThat(expected).as("the sample run sends declarations to review").hasSizeGreaterThan(3);
        ConsoleClient auditor = as(OfficerPki.AUDITOR);
        List<String> seen = new ArrayList<>();
        String path = "/queue";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> page = auditor.get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            List<String> rows = queueRows(page.body());
            assertThat(rows.size()).isLessThanOrEqualTo(3);
            seen.addAll(rows);
            Matcher next = NEXT.matcher(page.body());
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 2) / 3);
    }

    /** The receivables page: every importer with tax, in code order, page by page, each page with the total. */
    @Test
    void theReceivablesPageListsEveryImporterPageByPageWithTheTotal() throws Exception {
        List<String> expected = app.jdbc().queryForList("SELECT DISTINCT importer_code FROM declaration_receivable "
                + "WHERE tax_due > 0 OR paid > 0 ORDER BY 1", String.class);
        assertThat(expected).as("the sample run accepts imports of several importers").hasSizeGreaterThan(3);
        String open = String.format(Locale.ROOT, "%,d", app.jdbc().queryForObject(
                "SELECT SUM(open_amount) FROM declaration_receivable", Long.class));
        Pattern row = Pattern.compile("<tr data-importer=\"([^\"]+)\">");
        ConsoleClient auditor = as(OfficerPki.AUDITOR);
        List<String> seen = new ArrayList<>();
        String path = "/receivables";
        while (path != null) {
            HttpResponse<String> page = auditor.get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher m = row.matcher(page.body());
            int rows = 0;
            while (m.find()) {
                seen.add(m.group(1));
                rows++;
            }
            assertThat(rows).isBetween(1, 3);
            // nothing is paid and nothing is late yet: all that is open is not due
            assertThat(page.body().replaceAll("\\s+", " ")).contains("<tr id=\"receivables-total\"> <th>All importers</th>")
                    .containsPattern("<td class=\"num\">" + Pattern.quote(open) + "</td> <td class=\"num\">"
                            + Pattern.quote(open) + "</td> <td class=\"num\">0</td>");
            Matcher next = NEXT.matcher(page.body());
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    /** A replaced or cancelled version leaves the queue: only a number's latest accepted version is reviewed. */
    @Test
    void theQueueHoldsOnlyTheLatestVersionOfEachDeclaration() {
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration WHERE status = 'ACCEPTED' "
                + "AND message_function IN ('5','1')", Long.class)).as("the sample set amends declarations").isPositive();
        assertThat(app.jdbc().queryForList("SELECT q.sender || ':' || q.declaration_no FROM review_queue q "
                + "GROUP BY q.sender, q.declaration_no HAVING COUNT(*) > 1", String.class)).isEmpty();
        assertThat(app.jdbc().queryForList("SELECT q.declaration_no FROM review_queue q JOIN declaration m "
                + "ON m.sender = q.sender AND m.declaration_no = q.declaration_no AND m.status = 'ACCEPTED' "
                + "AND m.message_function IN ('5','1') AND (m.file_id, m.msg_index) > (q.file_id, q.msg_index)",
                String.class)).isEmpty();
        assertThat(app.jdbc().queryForList("SELECT q.declaration_no FROM review_queue q JOIN declaration m "
                + "ON m.sender = q.sender AND m.declaration_no = q.declaration_no AND m.status = 'ACCEPTED' "
                + "AND m.message_function = '1'", String.class)).as("a cancelled declaration is not reviewed").isEmpty();
    }

    @Test
    void theExceptionsPageListsEveryItemNewestFirstPageByPageAndFilters() throws Exception {
        List<String> expected = app.jdbc().queryForList("SELECT file_id || '/' || msg_index || '/' || seq "
                + "FROM exception_item WHERE run_id = ? ORDER BY file_id DESC, msg_index DESC, seq DESC", String.class,
                runId);
        assertThat(expected).hasSizeGreaterThan(3);
        ConsoleClient auditor = as(OfficerPki.AUDITOR);
        List<String> seen = new ArrayList<>();
        String path = "/exceptions?run=" + runId;
        while (path != null) {
            String body = auditor.get(path).body();
            Matcher m = EXCEPTION_ROW.matcher(body);
            while (m.find()) {
                seen.add(m.group(1));
            }
            Matcher next = NEXT.matcher(body);
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        String category = app.jdbc().queryForObject("SELECT MIN(category) FROM exception_item", String.class);
        String body = auditor.get("/exceptions?category=" + category).body();
        assertThat(body).contains("data-category=\"" + category + "\"")
                .doesNotContainPattern("data-category=\"(?!" + category + "\")");
        assertThat(auditor.get("/exceptions?from=2026-11-29").body()).as("nothing received after the run")
                .doesNotContain("data-category=");
        assertThat(auditor.get("/exceptions?from=2026-11-28&to=2026-11-28").body()).contains("data-category=");
        assertThat(auditor.get("/exceptions?run=x").statusCode()).isEqualTo(400);
    }

    @Test
    void theQueueFiltersByChannelAndSender() throws Exception {
        ConsoleClient officer = as(OfficerPki.OFFICER);
        String body = officer.get("/queue?channel=RED").body();
        assertThat(body).doesNotContain("data-channel=\"YELLOW\"");
        long red = app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration WHERE status = 'ACCEPTED' "
                + "AND channel = 'RED'", Long.class);
        assertThat(queueRows(body)).hasSize((int) Math.min(red, 3));
        String sender = app.jdbc().queryForObject("SELECT MIN(sender) FROM declaration WHERE status = 'ACCEPTED' "
                + "AND channel IN ('RED','YELLOW') AND sender <> 'EVIL'", String.class);
        String other = "NO-SUCH-SENDER' OR '1'='1";
        assertThat(queueRows(officer.get("/queue?sender=" + java.net.URLEncoder.encode(other, "UTF-8")).body()))
                .as("a filter value is a value, never SQL").isEmpty();
        assertThat(queueRows(officer.get("/queue?sender=" + sender).body())).isNotEmpty();
    }

    @Test
    void aDeclarationPageShowsItsAssessmentLedgerAndAnswers() throws Exception {
        String[] red = app.jdbc().queryForObject("SELECT file_id || ' ' || msg_index || ' ' || declaration_no "
                + "FROM declaration WHERE status = 'ACCEPTED' AND channel = 'RED' AND sender <> 'EVIL' ORDER BY file_id, msg_index LIMIT 1",
                String.class).split(" ");
        ConsoleClient officer = as(OfficerPki.OFFICER);
        HttpResponse<String> page = officer.get("/declarations/" + red[0] + "/" + red[1]);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"declaration-no\">" + red[2] + "<").contains("id=\"assessment\"")
                .contains("id=\"ledger\"").contains("id=\"decide\"");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().allValues("Set-Cookie")).as("the session cookie, new to this client")
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));

        Matcher answer = Pattern.compile("href=\"(/answers/" + red[0] + "/CUSRES)\"").matcher(page.body());
        assertThat(answer.find()).as("a link to the CUSRES sent").isTrue();
        HttpResponse<byte[]> file = officer.getBytes(answer.group(1));
        assertThat(file.statusCode()).isEqualTo(200);
        String recorded = app.jdbc().queryForObject("SELECT path FROM answer WHERE file_id = ? AND kind = 'CUSRES'",
                String.class, Long.parseLong(red[0]));
        assertThat(file.body()).isEqualTo(Files.readAllBytes(Path.of(recorded)));
        assertThat(officer.get("/answers/" + red[0] + "/..%2F..%2Fetc").statusCode()).isNotEqualTo(200);
        assertThat(officer.get("/runs/" + runId + "/reports/..%2F..%2Fpki").statusCode()).isNotEqualTo(200);
    }

    @Test
    void anOfficerRecordsDecisionsThatSupersedeAndAreNeverEdited() throws Exception {
        String[] d = app.jdbc().queryForObject("SELECT file_id || ' ' || msg_index || ' ' || sender || ' ' "
                + "|| declaration_no FROM declaration WHERE status = 'ACCEPTED' AND channel = 'YELLOW' "
                + "ORDER BY file_id DESC, msg_index DESC LIMIT 1", String.class).split(" ");
        String page = "/declarations/" + d[0] + "/" + d[1];
        ConsoleClient officer = as(OfficerPki.OFFICER);
        String token = ConsoleClient.formToken(officer.get(page).body());
        assertThat(token).isNotNull();

        assertThat(officer.post(page + "/decisions", Map.of("kind", "REFUSE", "reason", "x")).statusCode())
                .as("no CSRF token").isEqualTo(403);
        HttpResponse<String> noReason = officer.post(page + "/decisions",
                Map.of("_csrf", token, "kind", "RELEASE", "reason", "  "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason: a decision needs a reason");
        assertThat(decisions(d)).isZero();

        String hs = app.jdbc().queryForObject("SELECT MIN(hs_code) FROM ref_tariff", String.class);
        HttpResponse<String> reassess = officer.post(page + "/decisions", Map.of("_csrf", token, "kind", "REASSESS",
                "hsCode", hs, "reason", "inspection found other goods " + HOSTILE));
        assertThat(reassess.statusCode()).isEqualTo(303);
        assertThat(reassess.headers().firstValue("Location").orElse("")).endsWith(page);
        HttpResponse<String> release = officer.post(page + "/decisions", Map.of("_csrf", token, "kind", "RELEASE",
                "reason", "documents complete after all"));
        assertThat(release.statusCode()).isEqualTo(303);

        X509Certificate cert = certificate(OfficerPki.OFFICER);
        List<Map<String, Object>> rows = app.jdbc().queryForList("SELECT kind, hs_code, officer_subject, "
                + "officer_serial, decided_at FROM officer_decision WHERE sender = ? AND declaration_no = ? ORDER BY id",
                d[2], d[3]);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("kind", "REASSESS").containsEntry("hs_code", hs)
                .containsEntry("officer_serial", cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT))
                .containsEntry("decided_at", Timestamp.from(Instant.parse(TestApp.FIXED_CLOCK)));
        assertThat((String) rows.get(0).get("officer_subject")).contains("CN=Kim Officer");
        DecisionRepository.Decision inForce = app.bean(DecisionRepository.class).decisionsToApply().stream()
                .filter(x -> x.declarationNo().equals(d[3]) && x.sender().equals(d[2])).findFirst().orElseThrow();
        assertThat(inForce.kind()).as("the later decision is the one to apply").isEqualTo(DecisionKind.RELEASE);

        String shown = officer.get(page).body();
        assertThat(shown).contains("in force").contains("superseded").doesNotContain(HOSTILE)
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;");
        assertThat(queueRows(officer.get("/queue?sender=" + d[2]).body())).doesNotContain(d[0] + "/" + d[1]);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM review_queue WHERE sender = ? "
                + "AND declaration_no = ?", Long.class, d[2], d[3])).as("the decision took it off the queue").isZero();

        JdbcTemplate jdbc = app.jdbc();
        assertThatThrownBy(() -> jdbc.update("UPDATE officer_decision SET reason = 'edited'"))
                .as("the application may only add").hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO review_queue SELECT file_id, msg_index, now(), sender, "
                + "declaration_no, importer_code, 'RED' FROM declaration LIMIT 1"))
                .as("the queue is the triggers' to write").hasStackTraceContaining("permission denied");
        JdbcTemplate owner = app.ownerJdbc();
        assertThatThrownBy(() -> owner.update("UPDATE officer_decision SET reason = 'edited'"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> owner.update("DELETE FROM officer_decision")).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> owner.update("TRUNCATE officer_decision CASCADE"))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void anAuditorReadsButCannotDecide() throws Exception {
        String[] d = app.jdbc().queryForObject("SELECT file_id || ' ' || msg_index FROM declaration "
                + "WHERE status = 'ACCEPTED' AND channel = 'RED' AND sender <> 'EVIL' ORDER BY file_id DESC, msg_index DESC LIMIT 1",
                String.class).split(" ");
        String page = "/declarations/" + d[0] + "/" + d[1];
        ConsoleClient auditor = as(OfficerPki.AUDITOR);
        HttpResponse<String> seen = auditor.get(page);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("id=\"decide\"").contains(">AUDITOR<");
        String token = ConsoleClient.metaToken(seen.body());
        assertThat(token).isNotNull();
        long before = app.jdbc().queryForObject("SELECT COUNT(*) FROM officer_decision", Long.class);
        HttpResponse<String> post = auditor.post(page + "/decisions",
                Map.of("_csrf", token, "kind", "RELEASE", "reason", "an auditor may not"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM officer_decision", Long.class)).isEqualTo(before);
    }

    @Test
    void noUntrustedOrExpiredCertificateGetsThroughTheHandshake() throws Exception {
        for (String alias : new String[] {null, OfficerPki.UNTRUSTED, OfficerPki.EXPIRED}) {
            ConsoleClient client = as(alias);
            assertThatThrownBy(() -> client.get("/queue")).as(String.valueOf(alias)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aRevokedCertificateOrOneWithoutRoleGetsNoPage() throws Exception {
        for (String alias : new String[] {OfficerPki.REVOKED, OfficerPki.NO_ROLE}) {
            HttpResponse<String> r = as(alias).get("/queue");
            assertThat(r.statusCode()).as(alias).isEqualTo(403);
            assertThat(r.body()).as(alias).doesNotContain("<html").doesNotContain("<table");
        }
    }

    @Test
    void senderTextIsShownAsText() throws Exception {
        long fileId = app.jdbc().queryForObject("SELECT MIN(id) FROM inbound_file WHERE run_id = ?", Long.class, runId);
        app.jdbc().update("INSERT INTO message_result (file_id, msg_index, message_ref, message_type, status) "
                + "VALUES (?, 9999, ?, 'CUSDEC', 'ACCEPTED')", fileId, HOSTILE);
        app.jdbc().update("INSERT INTO declaration (file_id, msg_index, sender, declaration_no, importer_code, status, "
                + "channel, score, rule_hits) VALUES (?, 9999, 'EVIL', ?, ?, 'ACCEPTED', 'RED', 99, ?)",
                fileId, "D<b>1</b>", HOSTILE, "\"><img src=x onerror=alert(1)>");
        app.jdbc().update("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, "
                + "code, text) VALUES (?, ?, 9999, 0, 'CONTENT', 'EVIL', ?, 'C999', ?)", runId, fileId, HOSTILE,
                HOSTILE);
        ConsoleClient officer = as(OfficerPki.OFFICER);
        for (String path : List.of("/declarations/" + fileId + "/9999", "/queue?sender=EVIL", "/exceptions?sender=EVIL")) {
            String body = officer.get(path).body();
            assertThat(body).as(path).doesNotContain(HOSTILE).doesNotContain("<img").doesNotContain("<b>1")
                    .contains("&lt;script&gt;");
        }
    }

    @Test
    void theRunPageCountsAndLinksItsReports() throws Exception {
        HttpResponse<String> r = as(OfficerPki.AUDITOR).get("/runs/" + runId);
        assertThat(r.statusCode()).isEqualTo(200);
        long files = app.jdbc().queryForObject("SELECT COUNT(*) FROM inbound_file WHERE run_id = ?", Long.class, runId);
        assertThat(r.body()).contains("data-count=\"files\">" + files + "<");
        assertThat(as(OfficerPki.AUDITOR).get("/runs/987654").statusCode()).isEqualTo(404);
    }

    private long decisions(String[] d) {
        return app.jdbc().queryForObject("SELECT COUNT(*) FROM officer_decision WHERE sender = ? AND declaration_no = ?",
                Long.class, d[2], d[3]);
    }

    private X509Certificate certificate(String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.p12(alias))) {
            ks.load(in, "changeit".toCharArray());
        }
        return (X509Certificate) ks.getCertificate(alias);
    }

    private static List<String> queueRows(String html) {
        List<String> rows = new ArrayList<>();
        Matcher m = QUEUE_ROW.matcher(html);
        while (m.find()) {
            rows.add(m.group(2) + "/" + m.group(3));
        }
        return rows;
    }
}
