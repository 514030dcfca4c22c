package org.edibatch.report;

import org.edibatch.ack.AtomicFiles;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The officers' exception file (CSV, one line per rejected or flagged item) and the ledger summary of a run.
 * The CSV is RFC 4180 with a header line, UTF-8, so it opens in a spreadsheet as is.
 */
public class RunReport {

    /**
     * The run's figures from the running totals, and what its seal step's check of the run's entries against their
     * lines found ({@code seals} 0: the run has not sealed, e.g. it posts nothing).
     */
    public record LedgerSummary(long entries, BigDecimal debits, BigDecimal credits, BigDecimal duty, BigDecimal vat,
                                BigDecimal allTimeDebits, BigDecimal allTimeCredits, long seals, long sealedEntries,
                                long sealDifferences) {
        public boolean balanced() {
            return debits.compareTo(credits) == 0 && allTimeDebits.compareTo(allTimeCredits) == 0;
        }

        /** What the ledger summary says of the seal's check. */
        public String checked() {
            if (seals == 0) {
                return "not sealed";
            }
            return sealedEntries + " entries against their lines and the running totals when sealed: "
                    + (sealDifferences == 0 ? "no difference" : sealDifferences + " difference(s), see verify-ledger");
        }
    }

    private static final String[] COLUMNS = {"category", "sender", "file", "message_ref", "declaration_no", "code",
            "text", "channel", "score", "rule_hits"};

    private final JdbcTemplate jdbc;
    private final ReportRepository repository;

    public RunReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.repository = new ReportRepository(jdbc);
    }

    public Path folder(Path reports, long runId) {
        return reports.resolve("run-" + runId);
    }

    public void writeExceptions(Path target, long runId) throws IOException {
        new StreamedReport(jdbc).write(target, w -> {
            w.write(String.join(",", COLUMNS));
            w.write("\r\n");
            try (Stream<ReportRepository.ExceptionItem> items = repository.items(runId)) {
                for (Iterator<ReportRepository.ExceptionItem> it = items.iterator(); it.hasNext(); ) {
                    line(w, it.next());
                }
            }
        });
    }

    private static void line(Writer w, ReportRepository.ExceptionItem item) throws IOException {
        w.write(csv(item.category()));
        w.write(',');
        w.write(csv(item.sender()));
        w.write(',');
        w.write(csv(item.fileName()));
        w.write(',');
        w.write(csv(item.messageRef()));
        w.write(',');
        w.write(csv(item.declarationNo()));
        w.write(',');
        w.write(csv(item.code()));
        w.write(',');
        w.write(csv(item.text()));
        w.write(',');
        w.write(csv(item.channel()));
        w.write(',');
        w.write(item.score() == null ? "" : item.score().toString());
        w.write(',');
        w.write(csv(item.ruleHits()));
        w.write("\r\n");
    }

    public LedgerSummary ledgerSummary(long runId) {
        return repository.ledgerSummary(runId);
    }

    public void writeLedgerSummary(Path target, long runId) throws IOException {
        writeLedgerSummary(target, runId, ledgerSummary(runId));
    }

    /** With a summary already computed (the run's reports read it once for all of them). */
    public void writeLedgerSummary(Path target, long runId, LedgerSummary s) throws IOException {
        writeLedgerSummary(target, runId, s, repository.receivables());
    }

    /** With the receivables' proof too (from the groups the HTML report shows: the view read once). */
    public void writeLedgerSummary(Path target, long runId, LedgerSummary s, ReportRepository.Receivables proof)
            throws IOException {
        StringBuilder accounts = new StringBuilder();
        // every account the run moved, whichever ledger (customs or procurement) and whatever the direction: a
        // night with amendments debits revenue as well as crediting it
        for (ReportRepository.AccountTotals a : repository.accountTotals(runId)) {
            accounts.append("  ").append(a.code()).append(' ').append(a.name()).append(": debits ")
                    .append(a.debits().toPlainString()).append(", credits ").append(a.credits().toPlainString())
                    .append(" KRW\n");
        }
        String text = "run " + runId + "\n"
                + "journal entries posted: " + s.entries() + "\n"
                + "debits:  " + s.debits().toPlainString() + " KRW\n"
                + "credits: " + s.credits().toPlainString() + " KRW\n"
                + accounts
                + "ledger since inception: debits " + s.allTimeDebits().toPlainString() + ", credits "
                + s.allTimeCredits().toPlainString() + "\n"
                + "balanced: " + (s.balanced() ? "yes" : "NO") + "\n"
                + "checked: " + s.checked() + "\n"
                + receivables(proof);
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The proof that the receivable account holds what the declarations still owe (docs/PAYMENTS.md). */
    static String receivables(ReportRepository.Receivables r) {
        return "receivables: 1100 balance " + r.balance().toPlainString() + " KRW = open amounts "
                + r.open().toPlainString() + " - credit balances not yet refunded " + r.creditBalances().toPlainString()
                + " KRW: " + (r.proven() ? "proven" : "DIFFERS") + "\n";
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
