package org.edibatch.procurement;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Bids with their receipts, and the vendors who send them. */
public final class BidRepository {

    private final JdbcTemplate jdbc;

    public BidRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Vendor(String id, String brn, String status, LocalDate debarredFrom, LocalDate debarredTo) {
        public boolean debarredOn(LocalDate day) {
            return "DEBARRED".equals(status) && (debarredFrom == null || !day.isBefore(debarredFrom))
                    && (debarredTo == null || !day.isAfter(debarredTo));
        }
    }

    /** A bid as intake registers it; the sealed price only when it was accepted. */
    public record NewBid(long fileId, long runId, String format, String tenderId, String bidderId, String bidRef,
                         String controlRef, int pick1, int pick2, byte[] sealedPrice, String sha, Instant receivedAt,
                         BidStatus status, String reasonCode, String reasonText) {
    }

    /** A received bid waiting to be opened, with the file it came in. */
    public record Received(long bidId, String tenderId, String bidderId, String bidderBrn, Instant receivedAt,
                           byte[] sealedPrice, long fileId, String fileName, String receiptNo, int pick1, int pick2) {
    }

    /** What the answer to a bid needs. */
    public record Answerable(long bidId, long fileId, String format, String tenderId, String bidderId, String bidRef,
                             String controlRef, String receiptNo, String sha, Instant receivedAt, String reasonCode) {
    }

    /** The receipt number of an accepted bid; receipt numbers are issued in order of registration. */
    public static String receiptNo(long bidId) {
        return String.format("R%010d", bidId);
    }

    /** The registered vendors among {@code ids}, by id: one query for a window of bids. */
    public Map<String, Vendor> vendors(Collection<String> ids) {
        Map<String, Vendor> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT vendor_id, brn, status, debarred_from, debarred_to FROM ref_vendor "
                    + "WHERE vendor_id = ANY(?)");
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            return ps;
        }, rs -> {
            found.put(rs.getString(1), new Vendor(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                    rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate()));
        });
        return found;
    }

    /** The key of a bidder's bid for a tender in {@link #receivedAmong}. */
    public static String bidKey(String tenderId, String bidderId) {
        return tenderId + '\t' + bidderId;
    }

    /**
     * Which of these tenders already hold a received bid of one of these bidders, as {@link #bidKey}s: the
     * duplicate check of a window of bids in one query.
     */
    public Set<String> receivedAmong(Collection<String> tenderIds, Collection<String> bidderIds) {
        Set<String> found = new HashSet<>();
        if (tenderIds.isEmpty() || bidderIds.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT DISTINCT tender_id, bidder_id FROM bid WHERE tender_id = ANY(?) "
                    + "AND bidder_id = ANY(?) AND status = 'RECEIVED'");
            ps.setArray(1, con.createArrayOf("text", tenderIds.toArray()));
            ps.setArray(2, con.createArrayOf("text", bidderIds.toArray()));
            return ps;
        }, rs -> {
            found.add(bidKey(rs.getString(1), rs.getString(2)));
        });
        return found;
    }

    /**
     * Inserts the bids and their receipts (numbered when the bid was accepted), in one round trip per table. A bid's
     * id is its file's id: inbound file ids are gapless (max + 1 under the claimers' lock), a sequence is not, and a
     * receipt number must not depend on whether an earlier attempt at the run was killed.
     */
    public void insertAll(List<NewBid> all) {
        if (all.isEmpty()) {
            return;
        }
        List<Object[]> bidRows = new ArrayList<>(all.size());
        List<Object[]> receiptRows = new ArrayList<>(all.size());
        for (NewBid b : all) {
            bidRows.add(new Object[]{b.fileId(), b.fileId(), b.runId(), b.format(), b.tenderId(), b.bidderId(),
                    b.bidRef(), b.controlRef(), b.pick1(), b.pick2(), b.sealedPrice(), b.sha(),
                    Timestamp.from(b.receivedAt()), b.status().code(), b.reasonCode(), b.reasonText()});
            receiptRows.add(new Object[]{b.fileId(), b.status() == BidStatus.RECEIVED ? receiptNo(b.fileId()) : null,
                    b.sha(), Timestamp.from(b.receivedAt())});
        }
        jdbc.batchUpdate("INSERT INTO bid (id, file_id, run_id, format, tender_id, bidder_id, bid_ref, "
                + "edi_control_ref, pick1, pick2, sealed_price, file_sha256, received_at, status, reason_code, "
                + "reason_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", bidRows);
        jdbc.batchUpdate("INSERT INTO bid_receipt (bid_id, receipt_no, file_sha256, issued_at) VALUES (?,?,?,?)",
                receiptRows);
    }

    /** The received bids of a tender, by id. */
    public List<Received> received(String tenderId) {
        return jdbc.query("SELECT b.id, b.tender_id, b.bidder_id, v.brn, b.received_at, b.sealed_price, b.file_id, "
                        + "f.original_name, r.receipt_no, b.pick1, b.pick2 FROM bid b JOIN bid_receipt r ON r.bid_id = b.id "
                        + "JOIN inbound_file f ON f.id = b.file_id LEFT JOIN ref_vendor v ON v.vendor_id = b.bidder_id "
                        + "WHERE b.tender_id = ? AND b.status = 'RECEIVED' ORDER BY b.id",
                (rs, n) -> new Received(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getBytes(6), rs.getLong(7), rs.getString(8),
                        rs.getString(9), rs.getInt(10), rs.getInt(11)), tenderId);
    }

    /** A bidder told the result of a tender: its received bid, and the format it bid in. */
    public record Notified(String bidderId, long bidId, String format) {
    }

    /** The bidders whose bid for the tender was received, by bidder id, with how they bid. */
    public List<Notified> notified(String tenderId) {
        return jdbc.query("SELECT bidder_id, id, format FROM bid WHERE tender_id = ? AND status = 'RECEIVED' "
                        + "ORDER BY bidder_id", (rs, n) -> new Notified(rs.getString(1), rs.getLong(2), rs.getString(3)),
                tenderId);
    }

    /** Every bid the run registered, by id. */
    public List<Answerable> ofRun(long runId) {
        return jdbc.query("SELECT b.id, b.file_id, b.format, b.tender_id, b.bidder_id, b.bid_ref, "
                        + "b.edi_control_ref, r.receipt_no, b.file_sha256, b.received_at, b.reason_code "
                        + "FROM bid b JOIN bid_receipt r ON r.bid_id = b.id WHERE b.run_id = ? ORDER BY b.id",
                (rs, n) -> new Answerable(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getString(11)), runId);
    }

    /** An answer written to a bid: where, and the SHA-256 of its bytes. */
    public record Answer(long bidId, String path, String sha) {
    }

    /** Records the answers written, in one round trip. */
    public void recordAnswers(List<Answer> answers) {
        List<Object[]> rows = new ArrayList<>(answers.size());
        for (Answer a : answers) {
            rows.add(new Object[]{a.path(), a.sha(), a.bidId()});
        }
        jdbc.batchUpdate("UPDATE bid_receipt SET answer_path = ?, answer_sha256 = ? WHERE bid_id = ?", rows);
    }
}
