package org.edibatch.intake;

import org.edibatch.config.CrashPoints;
import org.edibatch.signature.VerificationOutcome;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rows intake writes for a claimed file: the file itself, its interchange (or XML batch), its exception lines. */
public final class InboundFiles {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public InboundFiles(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the envelope of an interchange or XML batch said, and whether it was accepted. */
    public record Envelope(String sender, String senderQualifier, String recipient, String recipientQualifier,
                           String controlRef, String syntaxId, String syntaxVersion, int messageCount, boolean accepted,
                           String errorCode, String errorSegment, Integer errorElement, Integer errorComponent,
                           String errorText) {
    }

    public long insert(long runId, Path content, Path signature, String name, String sha, String format,
                       String sender, String state, String reasonCode, String reasonText, String form,
                       VerificationOutcome outcome) throws IOException {
        // Ids are taken as max + 1 inside the claim transaction, not from a sequence: a sequence keeps the
        // numbers a crashed attempt used, and the ids name answer and archive files, which must come out the
        // same whether or not the run was interrupted. The table lock taken by the claim serialises claimers.
        return jdbc.queryForObject("INSERT INTO inbound_file (id, run_id, original_name, work_path, sha256, size_bytes, "
                        + "received_at, format, sender, state, reason_code, reason_text, signature_path, sig_form, "
                        + "sig_status, sig_reason, sig_detail, signer_subject, signer_brn) "
                        + "VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM inbound_file),?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                Long.class, runId, name, content.toString(), sha, Files.size(content), Timestamp.from(clock.instant()),
                format, sender, state, reasonCode, reasonText, signature == null ? null : signature.toString(),
                form == null ? "NONE" : form,
                outcome == null ? "NOT_REQUIRED" : outcome.status().name(),
                outcome == null ? null : outcome.subReason().name(),
                outcome == null ? null : outcome.detail(),
                outcome == null ? null : outcome.signerSubject(),
                outcome == null ? null : outcome.signerBrn());
    }

    public void envelope(long fileId, Envelope e) {
        jdbc.update("INSERT INTO interchange (file_id, sender, sender_qual, recipient, recipient_qual, control_ref, "
                        + "syntax_id, syntax_version, message_count, status, error_code, error_segment, error_element, "
                        + "error_component, error_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                fileId, e.sender(), e.senderQualifier(), e.recipient(), e.recipientQualifier(), e.controlRef(),
                e.syntaxId(), e.syntaxVersion(), e.messageCount(), e.accepted() ? "ACCEPTED" : "REJECTED",
                e.errorCode(), e.errorSegment(), e.errorElement(), e.errorComponent(), e.errorText());
    }

    public void exception(long runId, long fileId, int seq, String category, String sender, String name,
                          String code, String text) {
        jdbc.update("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, code, text) "
                + "VALUES (?,?,-1,?,?,?,?,?,?)", runId, fileId, seq, category, sender, name, code, text);
    }

    /**
     * Moves every delivered file of {@code inbox} into {@code work} (atomic rename), then returns the files of
     * {@code work} this run has not registered yet. Moving first and registering second makes a crash between
     * the two harmless: the restarted step registers whatever sits unregistered in the work folder.
     */
    public List<Path> claim(Path inbox, Path work, long runId) throws IOException {
        Files.createDirectories(inbox);
        Files.createDirectories(work);
        for (Path file : Deliveries.list(inbox)) {
            Files.move(file, Deliveries.unique(work.resolve(file.getFileName().toString())), StandardCopyOption.ATOMIC_MOVE);
            CrashPoints.reach("claim.moved");
        }
        Set<String> registered = new HashSet<>(jdbc.queryForList("SELECT work_path FROM inbound_file WHERE run_id = ? "
                + "UNION SELECT signature_path FROM inbound_file WHERE run_id = ? AND signature_path IS NOT NULL",
                String.class, runId, runId));
        List<Path> fresh = new ArrayList<>();
        for (Path file : Deliveries.list(work)) {
            if (!registered.contains(file.toString())) {
                fresh.add(file);
            }
        }
        return fresh;
    }

    /** An earlier file with the same bytes, or null. */
    public Long sameBytes(String sha) {
        return jdbc.query("SELECT id FROM inbound_file WHERE sha256 = ? ORDER BY id LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, sha);
    }

    /** An earlier accepted interchange or batch of this sender with this control reference, or null. */
    public Long sameControlRef(String sender, String controlRef) {
        return jdbc.query("SELECT file_id FROM interchange WHERE sender = ? AND control_ref = ? AND status = 'ACCEPTED' LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, sender, controlRef);
    }
}
