package org.edibatch.report;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The officers' exception report of one run as a single self-contained HTML page: run summary, ledger totals,
 * a bar chart of exceptions by category and a sortable, filterable table of every exception item.
 * <p>
 * The page must open from a file share or an e-mail attachment with no network, so styles, script and chart
 * are inline. Everything taken from the database is escaped: file names, references and texts come from
 * senders and must never become markup.
 * <p>
 * The page understands a URL fragment such as {@code #category=CONTENT&q=hanbit&sort=score&dir=desc}, so a
 * filtered view can be bookmarked or linked from a chart bar.
 */
public class HtmlRunReport {

    /** In chart and filter order: how far an interchange got before it was stopped. */
    static final List<String> CATEGORIES = List.of("FILE", "SIGNATURE", "SYNTAX", "CONTENT", "SELECTIVITY",
            "TENDER", "BID", "OPENING");

    private static final Map<String, String> CATEGORY_MEANING = Map.of(
            "FILE", "Whole file or interchange rejected at intake",
            "SIGNATURE", "File refused on its digital signature (answered by APERAK or XML refusal)",
            "SYNTAX", "Message rejected on EDIFACT syntax (answered by CONTRL)",
            "CONTENT", "Declaration rejected on content (answered by CUSRES)",
            "SELECTIVITY", "Declaration accepted but selected for document review or inspection",
            "TENDER", "Tender notice refused at loading",
            "BID", "Bid refused at intake (answered by a coded receipt)",
            "OPENING", "Bid unopenable or ineligible at the opening (listed in the award notice)");

    private static final Map<String, String> CATEGORY_COLOUR = Map.of(
            "FILE", "#9b2c2c", "SIGNATURE", "#702459", "SYNTAX", "#c05621", "CONTENT", "#6b46c1",
            "SELECTIVITY", "#2b6cb0", "TENDER", "#2c7a7b", "BID", "#276749", "OPENING", "#744210");

    /** Column key (shared with exceptions.csv and the URL fragment), heading, sort type. */
    private static final String[][] COLUMNS = {
            {"category", "Category", "text"},
            {"sender", "Sender", "text"},
            {"file", "File", "text"},
            {"message_ref", "Message ref", "text"},
            {"declaration_no", "Declaration no.", "text"},
            {"code", "Code", "text"},
            {"text", "Description", "text"},
            {"channel", "Channel", "text"},
            {"score", "Score", "number"},
            {"rule_hits", "Rule hits", "text"},
    };

    private static final DateTimeFormatter SHOWN_TIME =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm:ss 'UTC'xxx", Locale.ENGLISH);

    private static final String SCRIPT_HASH = "sha256-" + java.util.Base64.getEncoder().encodeToString(
            sha256(HtmlRunReport.JS.getBytes(StandardCharsets.UTF_8)));

    /**
     * Rows of one category the page lists at most. A national run can flag most of a million declarations for
     * inspection: a page listing them all (hundreds of MB) would not open, while the CSV holds every item.
     */
    public static final int ROWS_PER_CATEGORY = 2_000;

    private final JdbcTemplate jdbc;
    private final int rowsPerCategory;

    public HtmlRunReport(JdbcTemplate jdbc) {
        this(jdbc, ROWS_PER_CATEGORY);
    }

    HtmlRunReport(JdbcTemplate jdbc, int rowsPerCategory) {
        this.jdbc = jdbc;
        this.rowsPerCategory = rowsPerCategory;
    }

    record Summary(long filesReceived, long filesAccepted, long filesQuarantined, long messages,
                   long messagesRejected, long declarationsAccepted, long declarationsRejected,
                   Map<String, Long> byCategory, long exceptionsTotal) {
    }

    public void write(Path target, long runId, ZonedDateTime generatedAt) throws IOException {
        write(target, runId, generatedAt, null);
    }

    /** @param ledger the run's ledger summary when already computed (it scans the journal), else null */
    public void write(Path target, long runId, ZonedDateTime generatedAt, RunReport.LedgerSummary ledger)
            throws IOException {
        new StreamedReport(jdbc).write(target, (w, report) -> render(w, report, runId, generatedAt,
                ledger != null ? ledger : new RunReport(jdbc).ledgerSummary(runId)));
    }

    Summary summary(long runId) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> byCategory.put(c, 0L));
        long[] total = {0};
        jdbc.query("SELECT category, COUNT(*) FROM exception_item WHERE run_id = ? GROUP BY category", rs -> {
            byCategory.merge(rs.getString(1), rs.getLong(2), Long::sum);
            total[0] += rs.getLong(2);
        }, runId);
        return jdbc.queryForObject("SELECT "
                        + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = ?), "
                        + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state NOT IN ('REJECTED','QUARANTINED')), "
                        + "(SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state IN ('REJECTED','QUARANTINED')), "
                        + "(SELECT COUNT(*) FROM message_result m JOIN inbound_file f ON f.id = m.file_id WHERE f.run_id = ?), "
                        + "(SELECT COUNT(*) FROM message_result m JOIN inbound_file f ON f.id = m.file_id "
                        + "WHERE f.run_id = ? AND m.status = 'REJECTED'), "
                        + "(SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                        + "WHERE f.run_id = ? AND d.status = 'ACCEPTED'), "
                        + "(SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                        + "WHERE f.run_id = ? AND d.status = 'REJECTED')",
                (rs, n) -> new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), byCategory, total[0]),
                runId, runId, runId, runId, runId, runId, runId);
    }

    private void render(Writer w, StreamedReport report, long runId, ZonedDateTime generatedAt,
                        RunReport.LedgerSummary ledger)
            throws IOException {
        Summary s = summary(runId);

        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // No network: forbid every fetch. Only this page's own script may run (pinned by its hash), so
                // markup smuggled past the escaping by a sender still could not execute.
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; script-src '" + SCRIPT_HASH + "'\">\n"
                + "<meta name=\"generator\" content=\"edibatch\">\n<title>Exception report \u2014 run ");
        w.write(Long.toString(runId));
        w.write("</title>\n<style>\n");
        w.write(CSS);
        w.write("</style>\n</head>\n<body>\n");

        header(w, runId, generatedAt, s);
        w.write("<main>\n");
        tiles(w, s);
        w.write("<div class=\"two\">\n");
        categories(w, s);
        ledger(w, ledger);
        w.write("</div>\n");
        table(w, report, runId, s);
        w.write("</main>\n<footer>Run ");
        w.write(Long.toString(runId));
        w.write(" \u00b7 generated ");
        w.write(esc(generatedAt.format(SHOWN_TIME)));
        w.write(" \u00b7 one line per item also in <a href=\"exceptions.csv\">exceptions.csv</a>. "
                + "Sender data is shown exactly as received.</footer>\n<script>");
        w.write(JS);
        w.write("</script>\n</body>\n</html>\n");
    }

    private static void header(Writer w, long runId, ZonedDateTime generatedAt, Summary s) throws IOException {
        w.write("<header class=\"masthead\">\n<div>\n<p class=\"eyebrow\">Customs EDI batch \u00b7 Officers' exception report</p>\n"
                + "<h1>Run <span data-metric=\"run-id\" data-value=\"");
        w.write(Long.toString(runId));
        w.write("\">");
        w.write(Long.toString(runId));
        w.write("</span></h1>\n<p class=\"meta\">Generated <time datetime=\"");
        w.write(esc(generatedAt.toOffsetDateTime().toString()));
        w.write("\" id=\"generated-at\">");
        w.write(esc(generatedAt.format(SHOWN_TIME)));
        w.write("</time> <span class=\"zone\">(");
        w.write(esc(generatedAt.getZone().getId()));
        w.write(")</span></p>\n</div>\n<div class=\"actions no-print\">\n"
                + "<a class=\"button\" href=\"exceptions.csv\" download>Download CSV</a>\n"
                + "<button type=\"button\" class=\"button secondary\" id=\"print\">Print</button>\n"
                + "</div>\n</header>\n");
    }

    private static void tiles(Writer w, Summary s) throws IOException {
        w.write("<section class=\"tiles\" aria-label=\"Run summary\">\n");
        tile(w, "Files received", "files-received", s.filesReceived(),
                count("files-accepted", s.filesAccepted()) + " accepted \u00b7 "
                        + count("files-quarantined", s.filesQuarantined()) + " quarantined");
        tile(w, "Messages processed", "messages", s.messages(),
                count("messages-rejected", s.messagesRejected()) + " rejected on syntax");
        tile(w, "Declarations accepted", "declarations-accepted", s.declarationsAccepted(),
                count("declarations-rejected", s.declarationsRejected()) + " rejected on content");
        tile(w, "Exception items", "exceptions-total", s.exceptionsTotal(),
                count("exceptions-rejections", s.exceptionsTotal() - s.byCategory().getOrDefault("SELECTIVITY", 0L))
                        + " rejections \u00b7 " + count("exceptions-selected", s.byCategory().getOrDefault("SELECTIVITY", 0L))
                        + " selected");
        w.write("</section>\n");
    }

    private static void tile(Writer w, String label, String metric, long value, String sub) throws IOException {
        w.write("<div class=\"tile\"><div class=\"label\">");
        w.write(label);
        w.write("</div><div class=\"value\">");
        w.write(count(metric, value));
        w.write("</div><div class=\"sub\">");
        w.write(sub);
        w.write("</div></div>\n");
    }

    /** A number the test (and any scraper) can read back exactly, whatever the display format. */
    private static String count(String metric, long value) {
        return "<span data-metric=\"" + metric + "\" data-value=\"" + value + "\">" + grouped(value) + "</span>";
    }

    private static void categories(Writer w, Summary s) throws IOException {
        w.write("<section class=\"card\" aria-labelledby=\"h-cat\">\n<h2 id=\"h-cat\">Exceptions by category</h2>\n");
        chart(w, s);
        w.write("<table class=\"legend\">\n<tbody>\n");
        for (String c : CATEGORIES) {
            w.write("<tr><th scope=\"row\"><span class=\"badge cat-");
            w.write(c);
            w.write("\">");
            w.write(c);
            w.write("</span></th><td>");
            w.write(CATEGORY_MEANING.get(c));
            w.write("</td><td class=\"num\">");
            w.write(count("category-" + c, s.byCategory().get(c)));
            w.write("</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n</section>\n");
    }

    /** Horizontal bars: the category names stay readable and the chart prints well in black and white too. */
    private static void chart(Writer w, Summary s) throws IOException {
        int labelW = 110;
        int barMax = 360;
        int rowH = 34;
        int top = 8;
        int width = labelW + barMax + 60;
        int height = top + rowH * CATEGORIES.size() + 6;
        long max = Math.max(1, CATEGORIES.stream().mapToLong(c -> s.byCategory().get(c)).max().orElse(1));
        w.write("<svg class=\"chart\" viewBox=\"0 0 " + width + " " + height + "\" width=\"" + width + "\" height=\""
                + height + "\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Exception items by "
                + "category</title>\n");
        w.write("<line x1=\"" + labelW + "\" y1=\"" + (top - 4) + "\" x2=\"" + labelW + "\" y2=\"" + (height - 2)
                + "\" stroke=\"#9aa3af\" stroke-width=\"1\"/>\n");
        int y = top;
        for (String c : CATEGORIES) {
            long n = s.byCategory().get(c);
            int len = n == 0 ? 0 : Math.max(2, (int) Math.round(barMax * (double) n / max));
            int mid = y + rowH / 2;
            w.write("<a href=\"#category=" + c + "\" class=\"bar-link\">");
            w.write("<text x=\"" + (labelW - 10) + "\" y=\"" + (mid + 4) + "\" text-anchor=\"end\" class=\"axis\">" + c
                    + "</text>");
            w.write("<rect class=\"bar\" data-category=\"" + c + "\" data-count=\"" + n + "\" x=\"" + labelW + "\" y=\""
                    + (y + 6) + "\" width=\"" + len + "\" height=\"" + (rowH - 12) + "\" rx=\"2\" fill=\""
                    + CATEGORY_COLOUR.get(c) + "\"><title>" + c + ": " + n + "</title></rect>");
            w.write("<text x=\"" + (labelW + len + 8) + "\" y=\"" + (mid + 4) + "\" class=\"count\">" + grouped(n)
                    + "</text></a>\n");
            y += rowH;
        }
        w.write("</svg>\n");
    }

    private static void ledger(Writer w, RunReport.LedgerSummary l) throws IOException {
        w.write("<section class=\"card\" aria-labelledby=\"h-ledger\">\n<h2 id=\"h-ledger\">Ledger postings of this run</h2>\n"
                + "<table class=\"ledger\">\n<tbody>\n");
        ledgerRow(w, "Journal entries posted", "<span data-metric=\"ledger-entries\" data-value=\"" + l.entries()
                + "\">" + grouped(l.entries()) + "</span>");
        ledgerRow(w, "Total debits", krw("ledger-debits", l.debits()));
        ledgerRow(w, "Total credits", krw("ledger-credits", l.credits()));
        ledgerRow(w, "Customs duty revenue <span class=\"acct\">account 4100</span>", krw("ledger-duty-4100", l.duty()));
        ledgerRow(w, "Import VAT revenue <span class=\"acct\">account 4200</span>", krw("ledger-vat-4200", l.vat()));
        w.write("</tbody>\n</table>\n<p class=\"balance\">");
        w.write("<span data-metric=\"ledger-balanced\" data-value=\"" + l.balanced() + "\" class=\"badge "
                + (l.balanced() ? "ok\">\u2713 Balanced" : "bad\">\u2717 NOT balanced") + "</span> ");
        w.write("<span class=\"muted\">debits equal credits for this run and for the ledger since inception "
                + "(debits ");
        w.write(esc(amount(l.allTimeDebits())));
        w.write(", credits ");
        w.write(esc(amount(l.allTimeCredits())));
        w.write(" KRW)</span></p>\n</section>\n");
    }

    private static void ledgerRow(Writer w, String label, String valueHtml) throws IOException {
        w.write("<tr><th scope=\"row\">");
        w.write(label);
        w.write("</th><td class=\"num\">");
        w.write(valueHtml);
        w.write("</td></tr>\n");
    }

    private static String krw(String metric, BigDecimal v) {
        return "<span data-metric=\"" + metric + "\" data-value=\"" + esc(v.toPlainString()) + "\">" + esc(amount(v))
                + "</span> <span class=\"unit\">KRW</span>";
    }

    private void table(Writer w, StreamedReport report, long runId, Summary s) throws IOException {
        w.write("<section class=\"card items\" aria-labelledby=\"h-items\">\n<div class=\"items-head\">\n"
                + "<h2 id=\"h-items\">Exception items</h2>\n"
                + "<a class=\"csv-link no-print\" href=\"exceptions.csv\" download>\u2193 exceptions.csv</a>\n</div>\n"
                + "<div class=\"controls no-print\" role=\"search\">\n"
                + "<label>Search <input type=\"search\" id=\"filter-text\" placeholder=\"file, sender, code, text\u2026\" "
                + "autocomplete=\"off\"></label>\n"
                + "<label>Category <select id=\"filter-category\">\n<option value=\"\">All categories (");
        w.write(grouped(s.exceptionsTotal()));
        w.write(")</option>\n");
        for (String c : CATEGORIES) {
            w.write("<option value=\"" + c + "\">" + c + " (" + grouped(s.byCategory().get(c)) + ")</option>\n");
        }
        w.write("</select></label>\n<button type=\"button\" id=\"filter-reset\" class=\"button secondary\">Reset</button>\n"
                + "</div>\n<p id=\"table-status\" class=\"status\" aria-live=\"polite\">");
        w.write(grouped(s.exceptionsTotal()));
        w.write(" items</p>\n");
        long shown = s.byCategory().values().stream().mapToLong(n -> Math.min(n, rowsPerCategory)).sum();
        if (shown < s.exceptionsTotal()) {
            w.write("<p class=\"notice\" data-metric=\"items-shown\" data-value=\"" + shown + "\">This page lists the first "
                    + grouped(rowsPerCategory) + " items of each category: " + grouped(shown) + " of "
                    + grouped(s.exceptionsTotal()) + ". Every item is in <a href=\"exceptions.csv\" download>exceptions.csv</a>.</p>\n");
        }
        w.write("<div class=\"scroll\">\n<table id=\"exceptions\">\n<thead>\n<tr>");
        for (String[] c : COLUMNS) {
            w.write("<th scope=\"col\" class=\"c-" + c[0] + "\" data-key=\"" + c[0] + "\" data-type=\"" + c[2]
                    + "\"><button type=\"button\">" + c[1] + "</button></th>");
        }
        w.write("</tr>\n</thead>\n<tbody>\n");
        String columns = RunReport.ITEM_COLUMNS;
        if (shown == s.exceptionsTotal()) {
            report.forEach("SELECT " + columns + " FROM exception_item WHERE run_id = ? ORDER BY file_id, msg_index, seq",
                    rs -> row(w, rs), runId);
        } else {
            // the first items of each category in file order, merged back into file order
            List<String> parts = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            s.byCategory().forEach((category, n) -> {
                if (n > 0) {
                    parts.add("(SELECT " + columns + ", file_id, msg_index, seq FROM exception_item WHERE run_id = ? "
                            + "AND category = ? ORDER BY file_id, msg_index, seq LIMIT ?)");
                    args.addAll(List.of(runId, category, rowsPerCategory));
                }
            });
            report.forEach("SELECT " + columns + " FROM (" + String.join(" UNION ALL ", parts) + ") shown "
                    + "ORDER BY file_id, msg_index, seq", rs -> row(w, rs), args.toArray());
        }
        w.write("</tbody>\n</table>\n</div>\n<p id=\"no-match\" class=\"empty\"");
        w.write(s.exceptionsTotal() == 0 ? ">No exception items were recorded in this run."
                : " hidden>No items match the filter.");
        w.write("</p>\n</section>\n");
    }

    private static void row(Writer w, ResultSet rs) throws SQLException, IOException {
        String category = rs.getString(1);
        w.write("<tr data-category=\"");
        w.write(esc(category));
        w.write("\">");
        w.write("<td class=\"c-category\"><span class=\"badge cat-");
        w.write(CATEGORIES.contains(category) ? category : "OTHER");
        w.write("\">");
        w.write(esc(category));
        w.write("</span></td>");
        cell(w, "sender", rs.getString(2));
        cell(w, "file", rs.getString(3));
        cell(w, "message_ref", rs.getString(4));
        cell(w, "declaration_no", rs.getString(5));
        cell(w, "code", rs.getString(6));
        cell(w, "text", rs.getString(7));
        String channel = rs.getString(8);
        if (channel == null) {
            cell(w, "channel", null);
        } else {
            w.write("<td class=\"c-channel\"><span class=\"badge ch-");
            w.write("RED".equals(channel) || "YELLOW".equals(channel) || "GREEN".equals(channel) ? channel : "OTHER");
            w.write("\">");
            w.write(esc(channel));
            w.write("</span></td>");
        }
        int score = rs.getInt(9);
        if (rs.wasNull()) {
            cell(w, "score", null);
        } else {
            w.write("<td class=\"c-score num\">" + score + "</td>");
        }
        String hits = rs.getString(10);
        cell(w, "rule_hits", hits == null || hits.isEmpty() ? null : hits.replace(";", "; "));
        w.write("</tr>\n");
    }

    /** An empty cell stays empty in the DOM (so it sorts last); the dash is drawn by CSS only. */
    private static void cell(Writer w, String column, String value) throws IOException {
        w.write("<td class=\"c-");
        w.write(column);
        if (value == null || value.isEmpty()) {
            w.write(" nil\"></td>");
            return;
        }
        w.write("\">");
        w.write(esc(value));
        w.write("</td>");
    }

    /** Escapes for both text and quoted attribute values; control characters other than tab/newline are dropped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String rep = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f ? "\ufffd" : null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(ch);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static final String CSS = """
            :root{--ink:#1a202c;--muted:#5a6473;--line:#d9dee5;--bg:#f3f5f8;--card:#fff;--navy:#1d2b4a;--accent:#2b6cb0}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
            a{color:var(--accent)}
            .masthead{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;background:var(--navy);color:#fff;padding:22px 32px 20px;border-bottom:4px solid #c9a227}
            .masthead h1{margin:2px 0 4px;font-size:26px;font-weight:650;letter-spacing:.2px}
            .eyebrow{margin:0;text-transform:uppercase;letter-spacing:.12em;font-size:11.5px;color:#c8d3e6}
            .meta{margin:0;color:#dfe6f2}.zone{color:#aebcd3}
            .actions{display:flex;gap:8px}
            .button{display:inline-block;font:inherit;font-weight:600;padding:7px 14px;border-radius:5px;border:1px solid #c9a227;background:#c9a227;color:#1d2b4a;text-decoration:none;cursor:pointer}
            .button.secondary{background:transparent;color:inherit;border-color:#9aa3af}
            .masthead .button.secondary{color:#fff;border-color:#7d8db0}
            main{padding:22px 32px 8px;max-width:1600px}
            .tiles{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:14px;margin-bottom:14px}
            .tile,.card{background:var(--card);border:1px solid var(--line);border-radius:6px}
            .tile{padding:14px 16px;border-top:3px solid var(--navy)}
            .tile .label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
            .tile .value{font-size:28px;font-weight:650;margin:2px 0;font-variant-numeric:tabular-nums}
            .tile .sub{color:var(--muted);font-size:13px}
            .two{display:grid;grid-template-columns:minmax(0,1.25fr) minmax(0,1fr);gap:14px;margin-bottom:14px}
            .card{padding:16px 18px}
            .card h2{margin:0 0 10px;font-size:15px;font-weight:650;color:var(--navy)}
            .chart{display:block;max-width:100%;height:auto;margin:0 0 8px}
            .chart .axis{font:600 12px system-ui,sans-serif;fill:#2d3748}
            .chart .count{font:600 12px system-ui,sans-serif;fill:#2d3748}
            .chart .bar-link:hover .bar{opacity:.8}
            table{border-collapse:collapse}
            .legend,.ledger{width:100%}
            .legend th,.legend td,.ledger th,.ledger td{padding:6px 4px;border-top:1px solid #edf0f4;text-align:left;vertical-align:middle}
            .legend tr:first-child>*,.ledger tr:first-child>*{border-top:0}
            .legend td:nth-child(2){color:var(--muted)}
            .ledger th{font-weight:500}
            .num{text-align:right !important;font-variant-numeric:tabular-nums;white-space:nowrap}
            .ledger td.num{font-weight:600}
            .acct{display:inline-block;margin-left:6px;font-size:11.5px;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 5px}
            .unit{color:var(--muted);font-weight:400;font-size:12px}
            .balance{margin:12px 0 0}.muted{color:var(--muted);font-size:12.5px}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11.5px;font-weight:650;letter-spacing:.03em;white-space:nowrap;color:#fff;background:#718096}
            .badge.ok{background:#e6f4ea;color:#1e6b34;border:1px solid #a8d5b5}
            .badge.bad{background:#fde8e8;color:#9b1c1c;border:1px solid #f5b5b5}
            .cat-FILE{background:#9b2c2c}.cat-SIGNATURE{background:#702459}.cat-SYNTAX{background:#c05621}.cat-CONTENT{background:#6b46c1}.cat-SELECTIVITY{background:#2b6cb0}.cat-TENDER{background:#2c7a7b}.cat-BID{background:#276749}.cat-OPENING{background:#744210}
            .ch-RED{background:#fde2e1;color:#9b1c1c;border:1px solid #f3b4b1}
            .ch-YELLOW{background:#fef3c7;color:#8a4b08;border:1px solid #f2d27a}
            .ch-GREEN{background:#e6f4ea;color:#1e6b34;border:1px solid #a8d5b5}
            .ch-OTHER{background:#edf2f7;color:#2d3748}
            .items-head{display:flex;justify-content:space-between;align-items:baseline}
            .csv-link{font-weight:600;text-decoration:none}
            .controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:2px 0 8px}
            .controls label{display:flex;gap:6px;align-items:center;color:var(--muted);font-size:13px}
            .controls input,.controls select{font:inherit;color:var(--ink);padding:6px 9px;border:1px solid #b8c0cc;border-radius:5px;background:#fff}
            .controls input{width:300px}
            .controls .button.secondary{padding:5px 12px;font-weight:500}
            .status{margin:0 0 8px;color:var(--muted);font-size:13px}
            .notice{margin:0 0 8px;padding:8px 12px;border-left:4px solid var(--navy);background:#f3f6fb;font-size:13px}
            .scroll{overflow-x:auto}
            #exceptions{width:100%;font-size:13px}
            #exceptions th{position:sticky;top:0;background:#eef1f6;border-bottom:2px solid #c3cad5;text-align:left;padding:0;white-space:nowrap}
            #exceptions th button{all:unset;display:block;padding:8px 16px 8px 7px;cursor:pointer;font-weight:650;color:#2d3748;position:relative}
            #exceptions th button:focus-visible{outline:2px solid var(--accent)}
            #exceptions th button::after{content:"\\2195";position:absolute;right:5px;color:#a0aab8;font-weight:400}
            #exceptions th[aria-sort=ascending] button::after{content:"\\25B2";color:var(--navy);font-size:9px;top:11px}
            #exceptions th[aria-sort=descending] button::after{content:"\\25BC";color:var(--navy);font-size:9px;top:11px}
            #exceptions td{padding:7px 7px;border-bottom:1px solid #e6e9ef;vertical-align:top}
            #exceptions tbody tr:nth-child(even){background:#fafbfc}
            #exceptions tbody tr:hover{background:#f1f6fd}
            #exceptions tr[hidden]{display:none}
            td.nil::before{content:"\\2014";color:#b3bac5}
            td.c-file{overflow-wrap:anywhere;min-width:170px;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12px}
            td.c-code,td.c-message_ref,td.c-declaration_no,td.c-rule_hits{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}
            td.c-text{min-width:260px;overflow-wrap:anywhere}
            .empty{margin:14px 0 4px;color:var(--muted);font-style:italic}
            footer{padding:10px 32px 28px;color:var(--muted);font-size:12px}
            @media (max-width:1000px){.tiles{grid-template-columns:repeat(2,minmax(0,1fr))}.two{grid-template-columns:1fr}.masthead{flex-direction:column;align-items:flex-start}}
            @media print{
              @page{size:A4 landscape;margin:12mm}
              *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
              body{background:#fff;font-size:11px}
              .no-print,.controls{display:none !important}
              .masthead{background:#fff;color:#000;padding:0 0 8px;border-bottom:2px solid #000}
              .eyebrow,.meta,.zone{color:#333}
              main{padding:10px 0 0;max-width:none}
              .tile,.card{border-color:#bbb;break-inside:avoid}
              .card.items{border:0;padding:0}
              .scroll{overflow:visible}
              #exceptions th{position:static}
              #exceptions tr{break-inside:avoid}
              #exceptions thead{display:table-header-group}
              footer{padding:8px 0 0}
              a{color:inherit;text-decoration:none}
            }
            """;

    /** No libraries: a few lines of DOM code, the state mirrored in the URL fragment so a view can be shared. */
    private static final String JS = """
            (function () {
              'use strict';
              var table = document.getElementById('exceptions');
              if (!table || !window.URLSearchParams) { return; }
              var tbody = table.tBodies[0];
              var rows = Array.prototype.slice.call(tbody.rows);
              var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
              var text = document.getElementById('filter-text');
              var category = document.getElementById('filter-category');
              var status = document.getElementById('table-status');
              var noMatch = document.getElementById('no-match');
              var collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});
              var known = Array.prototype.map.call(category.options, function (o) { return o.value; });
              var state = {category: '', q: '', sort: '', dir: 'asc'};
              rows.forEach(function (r, i) { r._order = i; r._text = r.textContent.toLowerCase(); });

              function cellKey(row, col) {
                var cell = row.cells[col];
                return cell ? cell.textContent.trim() : '';
              }

              function sortRows() {
                var col = -1, numeric = false;
                heads.forEach(function (h, i) {
                  if (h.getAttribute('data-key') === state.sort) {
                    col = i;
                    numeric = h.getAttribute('data-type') === 'number';
                    h.setAttribute('aria-sort', state.dir === 'desc' ? 'descending' : 'ascending');
                  } else {
                    h.removeAttribute('aria-sort');
                  }
                });
                var sign = state.dir === 'desc' ? -1 : 1;
                var sorted = rows.slice();
                if (col >= 0) {
                  sorted.sort(function (a, b) {
                    var x = cellKey(a, col), y = cellKey(b, col);
                    // Empty cells go last in both directions: they are never what an officer sorts for.
                    if (x === '' || y === '') { return x === y ? a._order - b._order : (x === '' ? 1 : -1); }
                    var d = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
                    return d !== 0 ? d * sign : a._order - b._order;
                  });
                }
                var frag = document.createDocumentFragment();
                sorted.forEach(function (r) { frag.appendChild(r); });
                tbody.appendChild(frag);
              }

              function filterRows() {
                var needle = state.q.toLowerCase(), shown = 0;
                rows.forEach(function (r) {
                  var ok = (!state.category || r.getAttribute('data-category') === state.category)
                      && (!needle || r._text.indexOf(needle) >= 0);
                  r.hidden = !ok;
                  if (ok) { shown++; }
                });
                var parts = [];
                if (state.category) { parts.push('category ' + state.category); }
                if (state.q) { parts.push('containing \\u201c' + state.q + '\\u201d'); }
                status.textContent = (parts.length ? 'Showing ' + shown + ' of ' + rows.length + ' items \\u00b7 '
                    + parts.join(', ') : rows.length + ' items') + (state.sort ? ' \\u00b7 sorted by '
                    + state.sort.replace('_', ' ') + (state.dir === 'desc' ? ', descending' : ', ascending') : '');
                if (rows.length) { noMatch.hidden = shown !== 0; }
              }

              function readHash() {
                var p = new URLSearchParams(location.hash.replace(/^#/, ''));
                var c = (p.get('category') || p.get('filter') || '').toUpperCase();
                state.category = known.indexOf(c) >= 0 ? c : '';
                state.q = p.get('q') || '';
                var s = p.get('sort') || '';
                state.sort = heads.some(function (h) { return h.getAttribute('data-key') === s; }) ? s : '';
                state.dir = p.get('dir') === 'desc' ? 'desc' : 'asc';
                text.value = state.q;
                category.value = state.category;
              }

              function writeHash() {
                var p = new URLSearchParams();
                if (state.category) { p.set('category', state.category); }
                if (state.q) { p.set('q', state.q); }
                if (state.sort) { p.set('sort', state.sort); p.set('dir', state.dir); }
                var h = p.toString();
                try { history.replaceState(null, '', h ? '#' + h : location.pathname + location.search); } catch (e) { /* file: URLs in some browsers */ }
              }

              heads.forEach(function (h) {
                h.querySelector('button').addEventListener('click', function () {
                  var key = h.getAttribute('data-key');
                  if (state.sort === key) {
                    state.dir = state.dir === 'asc' ? 'desc' : 'asc';
                  } else {
                    state.sort = key;
                    state.dir = h.getAttribute('data-type') === 'number' ? 'desc' : 'asc';
                  }
                  sortRows(); filterRows(); writeHash();
                });
              });
              text.addEventListener('input', function () { state.q = text.value.trim(); filterRows(); writeHash(); });
              category.addEventListener('change', function () { state.category = category.value; filterRows(); writeHash(); });
              document.getElementById('filter-reset').addEventListener('click', function () {
                state = {category: '', q: '', sort: '', dir: 'asc'};
                text.value = ''; category.value = '';
                sortRows(); filterRows(); writeHash();
              });
              document.getElementById('print').addEventListener('click', function () { window.print(); });
              window.addEventListener('hashchange', function () { readHash(); sortRows(); filterRows(); });
              readHash(); sortRows(); filterRows();
            })();
            """;
}
