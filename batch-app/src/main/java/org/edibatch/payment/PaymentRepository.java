package org.edibatch.payment;

import org.edibatch.db.CopyRows;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.schemas.PaymentNumber;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What the payments step reads and records: the banks' files, the declarations' receivables, the lines' outcomes. */
public final class PaymentRepository {

    private final JdbcTemplate jdbc;

    public PaymentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A bank's file claimed by a run. */
    public record BankFile(long id, String workPath, String name, String sender, String format) {
    }

    /** The run's claimed bank files in id order (claim order: the order payments are matched in). */
    public List<BankFile> bankFiles(long runId) {
        return jdbc.query("SELECT f.id, f.work_path, f.original_name, f.sender, f.format FROM inbound_file f "
                        + "WHERE f.run_id = ? AND f.state = 'CLAIMED' AND " + InboundFileRepository.BANK_FILE
                        + " ORDER BY f.id",
                (rs, n) -> new BankFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), runId);
    }

    /**
     * The receivables of the accepted declarations whose originals have the given keys (keys of no accepted
     * original are absent), as committed. One statement.
     *
     * @param partyOf the importer's party id from its customs code
     */
    public Map<PaymentNumber.Key, Receivable> receivables(Collection<PaymentNumber.Key> keys,
                                                          Function<String, String> partyOf) {
        Map<PaymentNumber.Key, Receivable> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Long[] files = new Long[keys.size()];
        Integer[] messages = new Integer[keys.size()];
        int i = 0;
        for (PaymentNumber.Key k : keys) {
            files[i] = k.fileId();
            messages[i++] = k.messageIndex();
        }
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT k.f, k.m, n.sender, n.declaration_no, "
                    + "COALESCE(v.importer_code, d.importer_code), COALESCE(v.version, 1), "
                    + "COALESCE(v.status IN ('CANCELLED', 'REFUSED'), FALSE), "
                    + "CASE WHEN v.status IN ('CANCELLED', 'REFUSED') THEN 0 WHEN v.version IS NOT NULL THEN v.duty_krw + v.vat_krw "
                    + "ELSE COALESCE(d.duty_krw, 0) + COALESCE(d.vat_krw, 0) END, "
                    + "COALESCE((SELECT SUM(p.applied) FROM payment_line p WHERE p.sender = n.sender "
                    + "AND p.declaration_no = n.declaration_no), 0) - COALESCE((SELECT SUM(r.amount) "
                    + "FROM receivable_refund r WHERE r.sender = n.sender AND r.declaration_no = n.declaration_no), 0) "
                    // each key looked up by its index (LIMIT 1 on unique keys keeps the planner from flattening
                    // the lateral joins): joined, the planner hashed both whole tables for every batch
                    + "FROM unnest(?::bigint[], ?::int[]) AS k(f, m) "
                    + "CROSS JOIN LATERAL (SELECT d.sender, d.declaration_no, d.importer_code, d.duty_krw, d.vat_krw "
                    + "FROM declaration d WHERE d.file_id = k.f AND d.msg_index = k.m LIMIT 1) d "
                    + "CROSS JOIN LATERAL (SELECT n.sender, n.declaration_no FROM declaration_number n "
                    + "WHERE n.sender = d.sender AND n.declaration_no = d.declaration_no "
                    + "AND n.file_id = k.f AND n.msg_index = k.m LIMIT 1) n "
                    + "LEFT JOIN LATERAL (SELECT x.version, x.status, x.importer_code, x.duty_krw, x.vat_krw "
                    + "FROM declaration_version x WHERE x.sender = n.sender AND x.declaration_no = n.declaration_no "
                    + "ORDER BY x.version DESC LIMIT 1) v ON TRUE")) {
                ps.setArray(1, c.createArrayOf("bigint", files));
                ps.setArray(2, c.createArrayOf("integer", messages));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(new PaymentNumber.Key(rs.getLong(1), rs.getInt(2)), new Receivable(rs.getString(3),
                                rs.getString(4), partyOf.apply(rs.getString(5)), rs.getInt(6), rs.getBoolean(7),
                                rs.getBigDecimal(8), rs.getBigDecimal(9)));
                    }
                }
            }
            return null;
        });
        return found;
    }

    /** Which of a bank's transaction references were posted before (any run). */
    public Set<String> knownTransactions(String bankSender, Collection<String> refs) {
        Set<String> known = new HashSet<>();
        if (refs.isEmpty()) {
            return known;
        }
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT transaction_ref FROM bank_transaction "
                    + "WHERE bank_sender = ? AND transaction_ref = ANY (?::text[])")) {
                ps.setString(1, bankSender);
                ps.setArray(2, c.createArrayOf("text", refs.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return known;
    }

    /** A credit line's outcome, as payment_line stores it. */
    public record LineRow(long fileId, int msgIndex, int lineIndex, long runId, String bankSender,
                          String transactionRef, String paymentReference, BigDecimal amount, String currency,
                          java.time.LocalDate valueDate, String outcome, String code, String sender,
                          String declarationNo, BigDecimal applied, BigDecimal refund, BigDecimal suspense,
                          String entryKey) {
    }

    /**
     * Records a chunk's lines and claims the transactions of those posted, in the chunk's transaction. A transaction
     * claimed twice fails the chunk (the rules refuse a second one before it gets here).
     */
    public void record(List<LineRow> lines) {
        if (lines.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows("payment_line", "file_id, msg_index, line_index, run_id, bank_sender, "
                + "transaction_ref, payment_reference, amount, currency, value_date, outcome, code, sender, "
                + "declaration_no, applied, refund, suspense, entry_key");
        CopyRows claims = new CopyRows("bank_transaction", "bank_sender, transaction_ref, file_id, msg_index, "
                + "line_index, run_id, amount, value_date, entry_key");
        for (LineRow l : lines) {
            rows.add(l.fileId(), l.msgIndex(), l.lineIndex(), l.runId(), l.bankSender(), l.transactionRef(),
                    l.paymentReference(), l.amount(), l.currency(), l.valueDate(), l.outcome(), l.code(), l.sender(),
                    l.declarationNo(), l.applied(), l.refund(), l.suspense(), l.entryKey());
            if (l.entryKey() != null) {
                claims.add(l.bankSender(), l.transactionRef(), l.fileId(), l.msgIndex(), l.lineIndex(), l.runId(),
                        l.amount(), l.valueDate(), l.entryKey());
            }
        }
        rows.copy(jdbc);
        claims.copy(jdbc);
    }

    /** Fresh planner statistics for the lines and transactions, after a step that loaded them (V19). */
    public void refreshStatistics() {
        jdbc.queryForList("SELECT statistics_refreshed('payment_line'), statistics_refreshed('bank_transaction')");
    }

    /**
     * The declarations given a new version by run {@code runId} that now owe less than was paid on them and whose
     * version's credit balance was not moved yet: only an amendment turns a paid receivable into a credit balance
     * (a payment's excess goes to refunds at once).
     */
    public List<Receivable> creditBalances(long runId, Function<String, String> partyOf) {
        List<Receivable> found = new ArrayList<>();
        jdbc.query("SELECT r.sender, r.declaration_no, r.importer_code, r.version, r.cancelled, r.tax_due, r.paid "
                + "FROM declaration_receivable r "
                + "WHERE (r.sender, r.declaration_no) IN (SELECT sender, declaration_no FROM declaration_version "
                + "WHERE run_id = ?) AND r.paid > r.tax_due AND NOT EXISTS (SELECT 1 FROM receivable_refund m "
                + "WHERE m.sender = r.sender AND m.declaration_no = r.declaration_no AND m.version = r.version) "
                + "ORDER BY r.sender, r.declaration_no", rs -> {
            found.add(new Receivable(rs.getString(1), rs.getString(2), partyOf.apply(rs.getString(3)), rs.getInt(4),
                    rs.getBoolean(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
        }, runId);
        return found;
    }

    /** Records a moved credit balance (its entry posted in the same transaction). */
    public void recordRefund(Receivable r, BigDecimal amount, long runId, String entryKey) {
        jdbc.update("INSERT INTO receivable_refund (sender, declaration_no, version, run_id, amount, entry_key) "
                + "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING", r.sender(), r.declarationNo(), r.version(), runId,
                amount, entryKey);
    }
}
