package org.edibatch.intake;

import org.edibatch.edifact.Syntax;
import org.edibatch.signature.VerificationOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound files of a run (inbound_file with its interchange): registering one outside the customs claim,
 * and what the later steps read of them. The customs claim writes its rows through {@link InboundFiles}.
 */
public final class InboundFileRepository {

    private final JdbcTemplate jdbc;

    public InboundFileRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** "EDIFILES" in ASCII: the key of the claimers' transaction lock, apart from the run lock's. */
    static final long CLAIM_LOCK_KEY = 0x45444946494C4553L;

    /**
     * Serialises the claimers until their transaction ends: inbound file ids are taken as max + 1 under this lock
     * (see {@link InboundFiles#insert}), by the customs and the procurement intake alike. An advisory lock, as
     * locking the table itself would need a right to rewrite its rows, which the application's role lacks.
     */
    public void lock() {
        jdbc.queryForList("SELECT 1 FROM pg_advisory_xact_lock(?)", Integer.class, CLAIM_LOCK_KEY);
    }

    /** A file registered one at a time (the procurement intake). */
    public record Registration(String name, Path content, Path signature, String sha, String format, String sender,
                               FileState state, String reasonCode, String reasonText, String sigForm,
                               VerificationOutcome outcome, Instant receivedAt) {
    }

    /** Registers a file under the table lock, with the same id rule as the customs intake; returns its id. */
    public long register(long runId, Registration r) throws IOException {
        VerificationOutcome o = r.outcome();
        // The customs and procurement intake share the table, and a sequence would hand out ids the other had
        // already taken.
        lock();
        return jdbc.queryForObject("INSERT INTO inbound_file (id, run_id, original_name, work_path, sha256, size_bytes, "
                        + "received_at, format, sender, state, reason_code, reason_text, signature_path, sig_form, "
                        + "sig_status, sig_reason, sig_detail, signer_subject, signer_brn) "
                        + "VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM inbound_file),?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                Long.class, runId, r.name(), r.content().toString(), r.sha(), InboundFiles.sizeOf(r.content()),
                Timestamp.from(r.receivedAt()), r.format(), r.sender(), r.state().code(), r.reasonCode(), r.reasonText(),
                r.signature() == null ? null : r.signature().toString(), r.sigForm() == null ? "NONE" : r.sigForm(),
                o == null ? "NOT_REQUIRED" : o.status().name(), o == null ? null : o.subReason().name(),
                o == null ? null : o.detail(), o == null ? null : o.signerSubject(), o == null ? null : o.signerBrn());
    }

    /** The paths (content and signature) of the files the run registered. */
    public List<String> registeredPaths(long runId) {
        return jdbc.queryForList("SELECT work_path FROM inbound_file WHERE run_id = ? "
                + "UNION SELECT signature_path FROM inbound_file WHERE run_id = ? AND signature_path IS NOT NULL",
                String.class, runId, runId);
    }

    /**
     * A file claimed for processing with what its envelope said; the interchange columns are null for a file
     * without an interchange row. {@code answerSyntax} and {@code positiveContrl}: how its sender is answered
     * (its own syntax, or its partner profile's; a CONTRL also when everything was accepted, or not).
     */
    public record ClaimedFile(long id, String workPath, String name, String sender, String format, String sha,
                              String envelopeSender, String recipient, String controlRef, int messageCount,
                              Syntax answerSyntax, boolean positiveContrl, java.time.Instant receivedAt,
                              String senderQualifier, String recipientQualifier) {
    }

    private static final RowMapper<ClaimedFile> CLAIMED_FILE = (rs, n) -> new ClaimedFile(rs.getLong(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getInt(10),
            Syntax.forAnswer(rs.getString(11), rs.getString(12), rs.getString(13)), rs.getBoolean(14),
            rs.getTimestamp(15).toInstant(), rs.getString(16), rs.getString(17));

    /**
     * A bank's credit advice (an EDIFACT interchange from a party with role BANK, or a camt.054 document): read by
     * the payments step, never by the customs step. A condition on {@code inbound_file f}.
     */
    public static final String BANK_FILE = "(f.format = 'CAMT054' OR (f.format = 'EDIFACT' AND EXISTS "
            + "(SELECT 1 FROM ref_party bp WHERE bp.edi_id = f.sender AND bp.role = 'BANK')))";

    /** The run's claimed files for the customs step (banks' advices are the payments step's) in id order. */
    public List<ClaimedFile> claimed(long runId) {
        return jdbc.query("SELECT f.id, f.work_path, f.original_name, f.sender, f.format, f.sha256, i.sender, "
                + "i.recipient, i.control_ref, i.message_count, i.syntax_id, i.syntax_version, p.answer_syntax, "
                + "COALESCE(p.positive_contrl, TRUE), f.received_at, i.sender_qual, i.recipient_qual FROM inbound_file f "
                + "LEFT JOIN interchange i ON i.file_id = f.id "
                + "LEFT JOIN ref_partner_profile p ON p.edi_id = i.sender "
                + "WHERE f.run_id = ? AND f.state = 'CLAIMED' AND NOT " + BANK_FILE + " ORDER BY f.id",
                CLAIMED_FILE, runId);
    }

    /** A claimed file, its sender (the interchange's or batch's, null when unknown) and message count (0 when unknown). */
    public record FileSize(long id, String sender, long messages) {
    }

    /** The run's claimed files for the customs step, largest first, then by id. */
    public List<FileSize> claimedBySize(long runId) {
        return jdbc.query("SELECT f.id, i.sender, COALESCE(i.message_count, 0) FROM inbound_file f "
                        + "LEFT JOIN interchange i ON i.file_id = f.id WHERE f.run_id = ? AND f.state = 'CLAIMED' "
                        + "AND NOT " + BANK_FILE + " ORDER BY COALESCE(i.message_count, 0) DESC, f.id",
                (rs, n) -> new FileSize(rs.getLong(1), rs.getString(2), rs.getLong(3)), runId);
    }

    /** How far the customs step of a run is: claimed files, their messages, and messages already processed. */
    public record Progress(int files, long messages, long processed) {
    }

    public Progress progress(long runId) {
        long total = jdbc.queryForObject("SELECT COALESCE(SUM(i.message_count), 0) FROM interchange i JOIN inbound_file f "
                + "ON f.id = i.file_id WHERE f.run_id = ? AND f.state = 'CLAIMED'", Long.class, runId);
        int files = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state = 'CLAIMED'",
                Integer.class, runId);
        long done = jdbc.queryForObject("SELECT COUNT(*) FROM message_result r JOIN inbound_file f ON f.id = r.file_id "
                + "WHERE f.run_id = ?", Long.class, runId);
        return new Progress(files, total, done);
    }

    /** A file the finish step moves to the archive or quarantine. */
    public record Unfinished(long id, String name, String workPath, String signaturePath, FileState state,
                             String reasonCode, String reasonText) {
    }

    /** The run's files still claimed or rejected (not yet archived or quarantined), in id order. */
    public List<Unfinished> unfinished(long runId) {
        return jdbc.query("SELECT id, original_name, work_path, signature_path, state, reason_code, "
                        + "reason_text FROM inbound_file WHERE run_id = ? AND state IN ('CLAIMED','REJECTED') ORDER BY id",
                (rs, n) -> new Unfinished(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        FileState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7)), runId);
    }

    /** How many of a file's messages the customs step decided and committed (0 for a file refused whole). */
    public long decidedMessages(long fileId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM message_result WHERE file_id = ?", Long.class, fileId);
    }

    /** Where a file was finally put. */
    public record Final(long id, FileState state, String path) {
    }

    /** An archived or quarantined file: where it is kept and the SHA-256 it was received with. */
    public record Kept(long id, String name, String finalPath, String sha256) {
    }

    /**
     * The run's archived and quarantined files in id order, or every run's when {@code runId} is null; streamed
     * when called inside a transaction.
     */
    public void kept(Long runId, java.util.function.Consumer<Kept> each) {
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(1000);
        String sql = "SELECT id, original_name, final_path, sha256 FROM inbound_file WHERE state IN ('ARCHIVED', "
                + "'QUARANTINED') AND final_path IS NOT NULL" + (runId == null ? "" : " AND run_id = ?") + " ORDER BY id";
        org.springframework.jdbc.core.RowCallbackHandler row = rs -> each.accept(
                new Kept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        if (runId == null) {
            streaming.query(sql, row);
        } else {
            streaming.query(sql, row, runId);
        }
    }

    /** Records the final places, in one batch. */
    public void finish(List<Final> files) {
        List<Object[]> rows = new ArrayList<>(files.size());
        for (Final f : files) {
            rows.add(new Object[]{f.state().code(), f.path(), f.id()});
        }
        jdbc.batchUpdate("UPDATE inbound_file SET state = ?, final_path = ? WHERE id = ?", rows);
    }
}
