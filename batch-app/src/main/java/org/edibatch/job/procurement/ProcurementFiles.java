package org.edibatch.job.procurement;


import org.edibatch.signature.VerificationOutcome;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Registering procurement files (claimed from their inbox by {@link org.edibatch.intake.InboundFiles#claim}, as
 * customs files are) in inbound_file, which gives archive, quarantine and the exception report for free.
 */
final class ProcurementFiles {

    private final JdbcTemplate jdbc;

    ProcurementFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
