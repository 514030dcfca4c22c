package org.edibatch.report;

import org.edibatch.run.RunRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The officers' exception report of one run as a single self-contained HTML page: run summary, ledger totals,
 * a bar chart of exceptions by category and a sortable, filterable table of every exception item. The page is
 * the template {@code templates/report/exceptions.html} filled from a {@link ReportPage}.
 * <p>
 * The page must open from a file share or an e-mail attachment with no network, so the style sheet and script
 * ({@code static/report/}) are inlined and the chart is inline SVG. Everything taken from the database is
 * escaped by the template: file names, references and texts come from senders and must never become markup.
 * <p>
 * The page understands a URL fragment such as {@code #category=CONTENT&q=hanbit&sort=score&dir=desc}, so a
 * filtered view can be bookmarked or linked from a chart bar.
 */
public class HtmlRunReport {

    /** In chart and filter order: how far an interchange got before it was stopped. */
    static final List<String> CATEGORIES = List.of("FILE", "SIGNATURE", "SYNTAX", "CONTENT", "SELECTIVITY",
            "AMENDMENT", "TENDER", "BID", "OPENING", "PAYMENT");

    private static final Map<String, String> CATEGORY_MEANING = Map.of(
            "FILE", "Whole file or interchange rejected at intake",
            "SIGNATURE", "File refused on its digital signature (answered by APERAK or XML refusal)",
            "SYNTAX", "Message rejected on EDIFACT syntax (answered by CONTRL)",
            "CONTENT", "Declaration rejected on content (answered by CUSRES)",
            "SELECTIVITY", "Declaration accepted but selected for document review or inspection",
            "AMENDMENT", "Declaration replaced or cancelled (amounts before and after)",
            "TENDER", "Tender notice refused at loading",
            "BID", "Bid refused at intake (answered by a coded receipt)",
            "OPENING", "Bid unopenable or ineligible at the opening (listed in the award notice)",
            "PAYMENT", "Bank credit refused, in suspense or owed back (docs/PAYMENTS.md)");

    private static final Map<String, String> CATEGORY_COLOUR = Map.of(
            "FILE", "#9b2c2c", "SIGNATURE", "#702459", "SYNTAX", "#c05621", "CONTENT", "#6b46c1",
            "SELECTIVITY", "#2b6cb0", "AMENDMENT", "#4a5568", "TENDER", "#2c7a7b", "BID", "#276749", "OPENING", "#744210",
            "PAYMENT", "#975a16");

    private static final List<ReportPage.Column> COLUMNS = List.of(
            new ReportPage.Column("category", "Category", "text"),
            new ReportPage.Column("sender", "Sender", "text"),
            new ReportPage.Column("file", "File", "text"),
            new ReportPage.Column("message_ref", "Message ref", "text"),
            new ReportPage.Column("declaration_no", "Declaration no.", "text"),
            new ReportPage.Column("code", "Code", "text"),
            new ReportPage.Column("text", "Description", "text"),
            new ReportPage.Column("channel", "Channel", "text"),
            new ReportPage.Column("score", "Score", "number"),
            new ReportPage.Column("rule_hits", "Rule hits", "text"));

    private static final List<String> CHANNELS = List.of("RED", "YELLOW", "GREEN");

    private static final DateTimeFormatter SHOWN_TIME =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm:ss 'UTC'xxx", Locale.ENGLISH);

    private static final String STYLE = ReportTemplates.resource("report/report.css");
    private static final String SCRIPT = ReportTemplates.resource("report/report.js");

    /**
     * No network: forbid every fetch. Only this page's own script may run (pinned by its hash), so markup
     * smuggled past the escaping by a sender still could not execute.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'sha256-" + Base64.getEncoder().encodeToString(sha256(SCRIPT)) + "'";

    /**
     * Rows of one category the page lists at most. A national run can flag most of a million declarations for
     * inspection: a page listing them all (hundreds of MB) would not open, while the CSV holds every item.
     */
    public static final int ROWS_PER_CATEGORY = 2_000;

    private final JdbcTemplate jdbc;
    private final ReportRepository repository;
    private final RunRepository runs;
    private final int rowsPerCategory;

    public HtmlRunReport(JdbcTemplate jdbc) {
        this(jdbc, ROWS_PER_CATEGORY);
    }

    HtmlRunReport(JdbcTemplate jdbc, int rowsPerCategory) {
        this.jdbc = jdbc;
        this.repository = new ReportRepository(jdbc);
        this.runs = new RunRepository(jdbc);
        this.rowsPerCategory = rowsPerCategory;
    }

    public void write(Path target, long runId, ZonedDateTime generatedAt) throws IOException {
        write(target, runId, generatedAt, null);
    }

    /** @param ledger the run's ledger summary when already computed (it scans the journal), else null */
    public void write(Path target, long runId, ZonedDateTime generatedAt, RunReport.LedgerSummary ledger)
            throws IOException {
        write(target, runId, generatedAt, ledger,
                new org.edibatch.receivables.ReceivablesRepository(jdbc).groups(generatedAt.getZone()));
    }

    /** @param receivables every importer's receivables, grouped (they sum every declaration: read once a night) */
    public void write(Path target, long runId, ZonedDateTime generatedAt, RunReport.LedgerSummary ledger,
                      List<org.edibatch.receivables.ReceivablesRepository.Group> receivables) throws IOException {
        ReportPage.Receivables section = receivables(generatedAt, receivables);
        new StreamedReport(jdbc).write(target, w -> {
            Map<String, Long> byCategory = byCategory(runId);
            long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
            long shown = byCategory.values().stream().mapToLong(n -> Math.min(n, rowsPerCategory)).sum();
            List<String> present = byCategory.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(Map.Entry::getKey).toList();
            // the closing line's counts (read = accepted + rejected + refused), so the page and the log agree
            RunRepository.CustomsCounts counts = runs.customsCounts(runId);
            ReportRepository.DeclarationCounts declarations = repository.declarationCounts(runId);
            RunReport.LedgerSummary postings = ledger != null ? ledger : repository.ledgerSummary(runId);
            // a large run's page lists the first items of each category only (the CSV holds them all)
            try (Stream<ReportRepository.ExceptionItem> items = shown == total ? repository.items(runId)
                    : repository.firstItems(runId, present, rowsPerCategory)) {
                ReportPage page = page(runId, generatedAt, counts, declarations, byCategory, total, shown, postings,
                        items.map(HtmlRunReport::item).iterator(), section);
                ReportTemplates.render("report/exceptions", Map.of("page", page), w);
            }
        });
    }

    /** Every category of the chart (those without items at zero), then any other the run has. */
    private Map<String, Long> byCategory(long runId) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> byCategory.put(c, 0L));
        repository.itemsByCategory(runId).forEach((c, n) -> byCategory.merge(c, n, Long::sum));
        return byCategory;
    }

    private ReportPage page(long runId, ZonedDateTime generatedAt, RunRepository.CustomsCounts counts,
                            ReportRepository.DeclarationCounts declarations, Map<String, Long> byCategory, long total, long shown, RunReport.LedgerSummary ledger,
                            Iterator<ReportPage.Item> items, ReportPage.Receivables receivables) {
        long selected = byCategory.getOrDefault("SELECTIVITY", 0L);
        Map<String, ReportPage.Metric> metrics = new LinkedHashMap<>();
        for (ReportPage.Metric m : List.of(
                count("files-received", counts.files()),
                count("files-accepted", counts.files() - counts.refusedFiles()),
                count("files-quarantined", counts.refusedFiles()),
                count("messages", counts.messages()),
                count("messages-accepted", counts.accepted()),
                count("messages-rejected", counts.rejected()),
                count("messages-refused", counts.refused()),
                count("declarations-accepted", declarations.accepted()),
                count("declarations-rejected", declarations.rejected()),
                count("exceptions-total", total),
                count("exceptions-rejections", total - selected),
                count("exceptions-selected", selected))) {
            metrics.put(m.key(), m);
        }
        List<ReportPage.Category> categories = CATEGORIES.stream().map(c -> new ReportPage.Category(c,
                CATEGORY_MEANING.get(c), count("category-" + c, byCategory.get(c)))).toList();
        ReportPage.Notice notice = shown == total ? null
                : new ReportPage.Notice(grouped(rowsPerCategory), count("items-shown", shown), grouped(total));
        return new ReportPage(runId, generatedAt.toOffsetDateTime().toString(), generatedAt.format(SHOWN_TIME),
                generatedAt.getZone().getId(), CONTENT_SECURITY_POLICY, STYLE, SCRIPT, metrics, categories,
                chart(byCategory), ledger(ledger), COLUMNS, notice, total, grouped(total), items,
                receivables);
    }

    /** How many importers the page lists in its receivables section. */
    static final int RECEIVABLE_IMPORTERS = 100;

    private ReportPage.Receivables receivables(ZonedDateTime generatedAt,
                                               List<org.edibatch.receivables.ReceivablesRepository.Group> groups) {
        org.edibatch.receivables.ReceivablesRepository r = new org.edibatch.receivables.ReceivablesRepository(jdbc);
        org.edibatch.receivables.Receivables.View v = org.edibatch.receivables.Receivables.of(
                groups, generatedAt.toLocalDate(),
                org.edibatch.refdata.ReferenceSnapshot.paymentTerms(jdbc),
                new org.edibatch.receivables.LateCharge(r.lateChargeRates()));
        List<ReportPage.Receivable> lines = new ArrayList<>();
        for (org.edibatch.receivables.Receivables.Line l : v.lines()) {
            if (lines.size() == RECEIVABLE_IMPORTERS) {
                break;
            }
            lines.add(receivable(l, "importer-" + l.importerCode() + "-"));
        }
        return new ReportPage.Receivables(v.asOf().toString(), lines, receivable(v.total(), "receivables-"),
                v.lines().size() - lines.size());
    }

    private static ReportPage.Receivable receivable(org.edibatch.receivables.Receivables.Line l, String key) {
        return new ReportPage.Receivable(l.importerCode(), l.importerName(), grouped(l.declarations()),
                krw(key + "tax-due", l.taxDue()), krw(key + "paid", l.paid()), krw(key + "open", l.open()),
                krw(key + "not-due", l.notDue()), krw(key + "late-1-30", l.late1to30()),
                krw(key + "late-31-90", l.late31to90()), krw(key + "late-over-90", l.lateOver90()),
                krw(key + "late-charge", l.lateCharge()));
    }

    private static ReportPage.Chart chart(Map<String, Long> byCategory) {
        int labelW = 110;
        int barMax = 360;
        int rowH = 34;
        int top = 8;
        int width = labelW + barMax + 60;
        int height = top + rowH * CATEGORIES.size() + 6;
        long max = Math.max(1, CATEGORIES.stream().mapToLong(byCategory::get).max().orElse(1));
        List<ReportPage.Bar> bars = new ArrayList<>();
        int y = top;
        for (String c : CATEGORIES) {
            long n = byCategory.get(c);
            int len = n == 0 ? 0 : Math.max(2, (int) Math.round(barMax * (double) n / max));
            int mid = y + rowH / 2;
            bars.add(new ReportPage.Bar(c, n, grouped(n), CATEGORY_COLOUR.get(c), labelW - 10, mid + 4, labelW, y + 6,
                    len, rowH - 12, labelW + len + 8));
            y += rowH;
        }
        return new ReportPage.Chart(width, height, labelW, top - 4, height - 2, bars);
    }

    private static ReportPage.Ledger ledger(RunReport.LedgerSummary l) {
        return new ReportPage.Ledger(count("ledger-entries", l.entries()), krw("ledger-debits", l.debits()),
                krw("ledger-credits", l.credits()), krw("ledger-duty-4100", l.duty()), krw("ledger-vat-4200", l.vat()),
                new ReportPage.Metric("ledger-balanced", Boolean.toString(l.balanced() && l.sealDifferences() == 0),
                        !l.balanced() ? "\u2717 NOT balanced" : l.sealDifferences() > 0
                                ? "\u2717 " + l.sealDifferences() + " difference(s) in the ledger check" : "\u2713 Balanced"),
                amount(l.allTimeDebits()), amount(l.allTimeCredits()));
    }

    private static ReportPage.Item item(ReportRepository.ExceptionItem i) {
        String category = clean(i.category());
        String channel = text(i.channel());
        String hits = text(i.ruleHits());
        return new ReportPage.Item(category, CATEGORIES.contains(category) ? category : "OTHER", text(i.sender()),
                text(i.fileName()), text(i.messageRef()), text(i.declarationNo()), text(i.code()), text(i.text()),
                channel, channel == null ? null : CHANNELS.contains(channel) ? channel : "OTHER", i.score(),
                hits == null ? null : hits.replace(";", "; "));
    }

    /** A cell's text, or null for an empty cell. */
    private static String text(String s) {
        return s == null || s.isEmpty() ? null : clean(s);
    }

    /** Control characters other than tab and line breaks have no place in a page: shown as U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean control = (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f;
            if (control && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(control ? '\ufffd' : ch);
            }
        }
        return b == null ? s : b.toString();
    }

    private static ReportPage.Metric count(String metric, long value) {
        return new ReportPage.Metric(metric, Long.toString(value), grouped(value));
    }

    private static ReportPage.Metric krw(String metric, BigDecimal v) {
        return new ReportPage.Metric(metric, v.toPlainString(), amount(v));
    }

    private static String grouped(long n) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(n);
    }

    /** Whole won without decimals; fractions (should any appear) are shown rather than rounded away. */
    static String amount(BigDecimal v) {
        BigDecimal plain = v.stripTrailingZeros();
        String pattern = plain.scale() <= 0 ? "#,##0" : "#,##0.00";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(v);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
