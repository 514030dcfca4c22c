package org.edibatch.job.procurement;

import org.edibatch.intake.Deliveries;

import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.TrustConfig;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;
import org.edibatch.config.EdiBatchProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claiming and registering procurement files the way customs does: move out of the inbox first (atomic rename
 * into work/run-ID/KIND/), register second, so a crash in between leaves files a restart registers. Files are
 * registered in inbound_file, which gives archive, quarantine and the exception report for free.
 */
final class ProcurementFiles {

    private final JdbcTemplate jdbc;

    ProcurementFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves every delivered file of {@code inbox} to {@code work} and returns what there is not registered yet. */
    List<Path> claim(Path inbox, Path work, long runId) throws IOException {
        Files.createDirectories(inbox);
        Files.createDirectories(work);
        for (Path file : Deliveries.list(inbox)) {
            Files.move(file, Deliveries.unique(work.resolve(file.getFileName().toString())), StandardCopyOption.ATOMIC_MOVE);
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

    static TrustStore verifier(EdiBatchProperties props) throws IOException {
        Path anchors = props.trust().anchors();
        if (!Files.isDirectory(anchors) || Deliveries.list(anchors).isEmpty()) {
            // bids must be signed whatever edibatch.signature.required says: without anchors nothing can be accepted
            throw new IllegalStateException("no trust anchors in " + anchors + ": bids cannot be verified");
        }
        Files.createDirectories(props.trust().crls());
        return TrustStore.load(new TrustConfig(anchors, props.trust().crls()));
    }

    record Registration(String name, Path content, Path signature, String sha, String format, String sender,
                        String state, String reasonCode, String reasonText, String sigForm, VerificationOutcome outcome,
                        Instant receivedAt) {
    }

    long register(long runId, Registration r) throws IOException {
        VerificationOutcome o = r.outcome();
        // Same id rule as the customs intake (max + 1 under the table lock, see InboundFiles): the two share
        // the table, and a sequence would hand out ids the other had already taken.
        jdbc.execute("LOCK TABLE inbound_file IN SHARE ROW EXCLUSIVE MODE");
        return jdbc.queryForObject("INSERT INTO inbound_file (id, run_id, original_name, work_path, sha256, size_bytes, "
                        + "received_at, format, sender, state, reason_code, reason_text, signature_path, sig_form, "
                        + "sig_status, sig_reason, sig_detail, signer_subject, signer_brn) "
                        + "VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM inbound_file),?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                Long.class, runId, r.name(), r.content().toString(), r.sha(), Files.size(r.content()),
                Timestamp.from(r.receivedAt()), r.format(), r.sender(), r.state(), r.reasonCode(), r.reasonText(),
                r.signature() == null ? null : r.signature().toString(), r.sigForm() == null ? "NONE" : r.sigForm(),
                o == null ? "NOT_REQUIRED" : o.status().name(), o == null ? null : o.subReason().name(),
                o == null ? null : o.detail(), o == null ? null : o.signerSubject(), o == null ? null : o.signerBrn());
    }

    /** msg_index -1 = the file at intake, 1 = the bid at its opening; a rerun adds nothing. */
    void exception(long runId, long fileId, int msgIndex, String category, String sender, String name, String code,
                   String text) {
        jdbc.update("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, code, text) "
                + "VALUES (?,?,?,0,?,?,?,?,?) ON CONFLICT DO NOTHING", runId, fileId, msgIndex, category, sender, name,
                code, text);
    }


}
