package org.edibatch.report;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the exception report template ({@code templates/report/exceptions.html}) shows of one run. Figures come
 * formatted for display and as exact values; texts from senders come as received, for the template to escape.
 *
 * @param metrics     the run summary's figures by their {@code data-metric} key
 * @param notice      null when the page lists every item
 * @param items       read once, while the page is written: the rows stream from a database cursor
 */
public record ReportPage(long runId, String generatedIso, String generatedShown, String zone,
                         String contentSecurityPolicy, String style, String script, Map<String, Metric> metrics,
                         List<Category> categories, Chart chart, Ledger ledger, List<Column> columns,
                         Notice notice, long itemsTotal, String itemsTotalShown, Iterator<Item> items,
                         Receivables receivables) {

    /**
     * The receivables as of the report's date: the first importers (in code order; the console pages through all)
     * and the total, amounts as shown.
     *
     * @param more how many importers are not listed
     */
    public record Receivables(String asOf, List<Receivable> importers, Receivable total, long more) {
    }

    /** One importer's (or the total's) receivables line; the total's figures also carry data-metric keys. */
    public record Receivable(String importer, String name, String declarations, Metric taxDue, Metric paid,
                             Metric open, Metric notDue, Metric late1to30, Metric late31to90, Metric lateOver90,
                             Metric lateCharge) {
    }

    /** A figure as shown and as a scraper (or the test) reads it back exactly from {@code data-value}. */
    public record Metric(String key, String value, String shown) {
    }

    public record Category(String name, String meaning, Metric count) {
    }

    /** Horizontal bars: the category names stay readable and the chart prints well in black and white too. */
    public record Chart(int width, int height, int axisX, int axisTop, int axisBottom, List<Bar> bars) {
    }

    public record Bar(String category, long count, String countShown, String colour, int labelX, int textY,
                      int barX, int barY, int length, int height, int countX) {
    }

    public record Ledger(Metric entries, Metric debits, Metric credits, Metric duty, Metric vat, Metric balanced,
                         String allTimeDebits, String allTimeCredits) {
    }

    /** A table column: its key (shared with exceptions.csv and the URL fragment), heading and sort type. */
    public record Column(String key, String heading, String type) {
    }

    /** Said when a large run's page lists only the first items of each category. */
    public record Notice(String perCategory, Metric shown, String total) {
    }

    /**
     * One table row. {@code badge} and {@code channelBadge} name CSS classes, so they are only ever known
     * values; an empty text is null (its cell stays empty in the DOM and sorts last).
     */
    public record Item(String category, String badge, String sender, String file, String messageRef,
                       String declarationNo, String code, String text, String channel, String channelBadge,
                       Integer score, String ruleHits) {
    }
}
