package org.edibatch.report;

import org.edibatch.ledger.CustomsPostings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the run reports read from the database: the run's counts, its exception items and its ledger totals.
 * <p>
 * The item streams read with a cursor: a run can have millions of exception items, and the PostgreSQL driver
 * streams a result set only with a fetch size and inside a transaction (see {@link StreamedReport}). A stream
 * holds its statement open until it is closed.
 */
public class ReportRepository {

    /** Rows per round trip of an item stream. */
    private static final int FETCH_SIZE = 500;

    /** What both reports show of an exception item, in this order (the CSV's columns). */
    private static final String ITEM_COLUMNS = "category, sender, file_name, message_ref, declaration_no, code, "
            + "text, channel, score, rule_hits";

    /** Items in the order their files and messages were read. */
    private static final String ITEM_ORDER = "file_id, msg_index, seq";

    /** The run's declarations by decision (the messages' counts are {@code RunRepository.customsCounts}). */
    public record DeclarationCounts(long accepted, long rejected) {
    }

    /** One rejected or flagged item; every text as the sender sent it, absent values null. */
    public record ExceptionItem(String category, String sender, String fileName, String messageRef,
                                String declarationNo, String code, String text, String channel, Integer score,
                                String ruleHits) {
    }

    private static final RowMapper<ExceptionItem> ITEM = (rs, n) -> new ExceptionItem(rs.getString("category"),
            rs.getString("sender"), rs.getString("file_name"), rs.getString("message_ref"),
            rs.getString("declaration_no"), rs.getString("code"), rs.getString("text"), rs.getString("channel"),
            rs.getObject("score", Integer.class), rs.getString("rule_hits"));


    private static final RowMapper<RunReport.LedgerSummary> LEDGER = (rs, n) -> new RunReport.LedgerSummary(
            rs.getLong("entries"), rs.getBigDecimal("debits"), rs.getBigDecimal("credits"), rs.getBigDecimal("duty"),
            rs.getBigDecimal("vat"), rs.getBigDecimal("all_time_debits"), rs.getBigDecimal("all_time_credits"),
            rs.getLong("seals"), rs.getLong("sealed_entries"), rs.getLong("seal_differences"));

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;

    public ReportRepository(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
    }

    public DeclarationCounts declarationCounts(long runId) {
        return jdbc.queryForObject("SELECT COUNT(*) FILTER (WHERE d.status = 'ACCEPTED') AS accepted, "
                + "COUNT(*) FILTER (WHERE d.status = 'REJECTED') AS rejected "
                + "FROM declaration d JOIN inbound_file f ON f.id = d.file_id WHERE f.run_id = :run",
                Map.of("run", runId), (rs, n) -> new DeclarationCounts(rs.getLong("accepted"), rs.getLong("rejected")));
    }

    /** Exception items per category, only the categories the run has. */
    public Map<String, Long> itemsByCategory(long runId) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        jdbc.query("SELECT category, COUNT(*) AS items FROM exception_item WHERE run_id = :run GROUP BY category",
                Map.of("run", runId), rs -> {
                    byCategory.put(rs.getString("category"), rs.getLong("items"));
                });
        return byCategory;
    }

    /** Every item of the run, in file order. Close the stream; read it inside a transaction to stream it. */
    public Stream<ExceptionItem> items(long runId) {
        return streaming.queryForStream("SELECT " + ITEM_COLUMNS + " FROM exception_item WHERE run_id = :run "
                + "ORDER BY " + ITEM_ORDER, Map.of("run", runId), ITEM);
    }

    /**
     * The first {@code perCategory} items of each of {@code categories} in file order, merged back into file
     * order. Close the stream.
     */
    public Stream<ExceptionItem> firstItems(long runId, Collection<String> categories, int perCategory) {
        if (categories.isEmpty()) {
            return Stream.empty();
        }
        return streaming.queryForStream("SELECT " + ITEM_COLUMNS + " FROM unnest(ARRAY[:categories]) AS c(wanted) "
                        + "CROSS JOIN LATERAL (SELECT " + ITEM_COLUMNS + ", " + ITEM_ORDER + " FROM exception_item "
                        + "WHERE run_id = :run AND category = c.wanted ORDER BY " + ITEM_ORDER + " LIMIT :limit) i "
                        + "ORDER BY " + ITEM_ORDER,
                Map.of("run", runId, "categories", categories, "limit", perCategory), ITEM);
    }

    /**
     * Reads the journal's running totals and the run's seals: a few rows per run, however long the journal has
     * grown.
     */
    /** What a run posted to one account of the chart. */
    public record AccountTotals(String code, String name, BigDecimal debits, BigDecimal credits) {
    }

    /** The run's totals per account it moved, in account order (from the running totals, not the journal). */
    public List<AccountTotals> accountTotals(long runId) {
        return jdbc.query("SELECT a.code, a.name, SUM(r.debit) AS debit, SUM(r.credit) AS credit "
                        + "FROM ledger_run_account r JOIN ledger_account a ON a.code = r.account_code "
                        + "WHERE r.run_id = :run GROUP BY a.code, a.name "
                        + "HAVING SUM(r.debit) <> 0 OR SUM(r.credit) <> 0 ORDER BY a.code",
                Map.of("run", runId), (rs, n) -> new AccountTotals(rs.getString("code"), rs.getString("name"),
                        rs.getBigDecimal("debit"), rs.getBigDecimal("credit")));
    }

    /**
     * The receivable account 1100's balance since inception (running totals) and what the declarations say it must
     * be: the sum of their open amounts, less the credit balances not yet moved to refunds (declaration_receivable).
     */
    public record Receivables(BigDecimal balance, BigDecimal open, BigDecimal creditBalances) {
        public boolean proven() {
            return balance.compareTo(open.subtract(creditBalances)) == 0;
        }
    }

    /**
     * The proof from the receivables as the report groups them: every declaration with tax due or paid is in a
     * group, and one with neither owes nothing and holds no credit, so the sums are the view's.
     */
    public Receivables receivables(List<org.edibatch.receivables.ReceivablesRepository.Group> groups) {
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        for (org.edibatch.receivables.ReceivablesRepository.Group g : groups) {
            open = open.add(g.open());
            credit = credit.add(g.creditBalances());
        }
        return new Receivables(jdbc.queryForObject("SELECT COALESCE(SUM(debit - credit), 0) FROM ledger_run_account "
                + "WHERE account_code = '1100'", Map.of(), BigDecimal.class), open, credit);
    }

    public Receivables receivables() {
        return jdbc.queryForObject("SELECT (SELECT COALESCE(SUM(debit - credit), 0) FROM ledger_run_account "
                        + "WHERE account_code = '1100') AS balance, COALESCE(SUM(open_amount), 0) AS open, "
                        + "COALESCE(SUM(GREATEST(paid - tax_due, 0)), 0) AS credit FROM declaration_receivable",
                Map.of(), (rs, n) -> new Receivables(rs.getBigDecimal("balance"), rs.getBigDecimal("open"),
                        rs.getBigDecimal("credit")));
    }

    public RunReport.LedgerSummary ledgerSummary(long runId) {
        return jdbc.queryForObject("SELECT "
                        + "(SELECT COALESCE(SUM(entries), 0) FROM ledger_run_entries WHERE run_id = :run) AS entries, "
                        + "COALESCE(SUM(debit) FILTER (WHERE run_id = :run), 0) AS debits, "
                        + "COALESCE(SUM(credit) FILTER (WHERE run_id = :run), 0) AS credits, "
                        + "COALESCE(SUM(credit) FILTER (WHERE run_id = :run AND account_code = :duty), 0) AS duty, "
                        + "COALESCE(SUM(credit) FILTER (WHERE run_id = :run AND account_code = :vat), 0) AS vat, "
                        + "COALESCE(SUM(debit), 0) AS all_time_debits, COALESCE(SUM(credit), 0) AS all_time_credits, "
                        + "(SELECT COUNT(*) FROM ledger_seal WHERE run_id = :run) AS seals, "
                        + "(SELECT COALESCE(SUM(entries), 0) FROM ledger_seal WHERE run_id = :run) AS sealed_entries, "
                        + "(SELECT COALESCE(SUM(differences), 0) FROM ledger_seal WHERE run_id = :run) AS seal_differences "
                        + "FROM ledger_run_account",
                Map.of("run", runId, "duty", CustomsPostings.DUTY_REVENUE, "vat", CustomsPostings.VAT_REVENUE), LEDGER);
    }
}
