package org.edibatch.report;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.ledger.CustomsPostings;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The officers' exception file (CSV, one line per rejected or flagged item) and the ledger summary of a run.
 * The CSV is RFC 4180 with a header line, UTF-8, so it opens in a spreadsheet as is.
 */
public class RunReport {

    public record LedgerSummary(long entries, BigDecimal debits, BigDecimal credits, BigDecimal duty, BigDecimal vat,
                                BigDecimal allTimeDebits, BigDecimal allTimeCredits) {
        public boolean balanced() {
            return debits.compareTo(credits) == 0 && allTimeDebits.compareTo(allTimeCredits) == 0;
        }
    }

    private static final String[] COLUMNS = {"category", "sender", "file", "message_ref", "declaration_no", "code",
            "text", "channel", "score", "rule_hits"};

    /** What both reports show of an exception item, in this order (the CSV's columns). */
    static final String ITEM_COLUMNS = "category, sender, file_name, message_ref, declaration_no, code, text, channel, "
            + "score, rule_hits";

    private final JdbcTemplate jdbc;

    public RunReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Path folder(Path reports, long runId) {
        return reports.resolve("run-" + runId);
    }

    public void writeExceptions(Path target, long runId) throws IOException {
        new StreamedReport(jdbc).write(target, (w, report) -> {
            w.write(String.join(",", COLUMNS));
            w.write("\r\n");
            report.forEach("SELECT " + ITEM_COLUMNS + " FROM exception_item WHERE run_id = ? "
                    + "ORDER BY file_id, msg_index, seq", rs -> {
                for (int i = 1; i <= COLUMNS.length; i++) {
                    if (i > 1) {
                        w.write(',');
                    }
                    w.write(csv(rs.getString(i)));
                }
                w.write("\r\n");
            }, runId);
        });
    }

    /** Reads the running totals the database keeps: a few rows per run, however long the journal has grown. */
    public LedgerSummary ledgerSummary(long runId) {
        return jdbc.queryForObject("SELECT "
                        + "(SELECT COALESCE(SUM(entries), 0) FROM ledger_run_entries WHERE run_id = ?), "
                        + "COALESCE(SUM(debit) FILTER (WHERE run_id = ?), 0), "
                        + "COALESCE(SUM(credit) FILTER (WHERE run_id = ?), 0), "
                        + "COALESCE(SUM(credit) FILTER (WHERE run_id = ? AND account_code = ?), 0), "
                        + "COALESCE(SUM(credit) FILTER (WHERE run_id = ? AND account_code = ?), 0), "
                        + "COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0) "
                        + "FROM ledger_run_account",
                (rs, n) -> new LedgerSummary(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)),
                runId, runId, runId, runId, CustomsPostings.DUTY_REVENUE, runId, CustomsPostings.VAT_REVENUE);
    }

    public void writeLedgerSummary(Path target, long runId) throws IOException {
        writeLedgerSummary(target, runId, ledgerSummary(runId));
    }

    /** With a summary already computed (the run's reports read it once for all of them). */
    public void writeLedgerSummary(Path target, long runId, LedgerSummary s) throws IOException {
        String text = "run " + runId + "\n"
                + "journal entries posted: " + s.entries() + "\n"
                + "debits:  " + s.debits().toPlainString() + " KRW\n"
                + "credits: " + s.credits().toPlainString() + " KRW\n"
                + "  customs duty revenue (" + CustomsPostings.DUTY_REVENUE + "): " + s.duty().toPlainString() + " KRW\n"
                + "  import VAT revenue (" + CustomsPostings.VAT_REVENUE + "):   " + s.vat().toPlainString() + " KRW\n"
                + "ledger since inception: debits " + s.allTimeDebits().toPlainString() + ", credits "
                + s.allTimeCredits().toPlainString() + "\n"
                + "balanced: " + (s.balanced() ? "yes" : "NO") + "\n";
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String csv(String v) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
