package org.edibatch.signature;

import java.time.Instant;
import java.util.Objects;

/**
 * Result of verifying one inbound file's signature.
 *
 * @param detail        operator-facing detail (never shown to senders; use {@code subReason.text()} for that)
 * @param signerSubject RFC 2253 subject of the signer certificate, when it could be identified
 * @param signerBrn     10-digit business registration number from the subject serialNumber, or null
 * @param signingTime   the signing-time the signer claimed, or null (XML-DSig carries none)
 */
public record VerificationOutcome(
        VerificationStatus status,
        SubReason subReason,
        String detail,
        String signerSubject,
        String signerBrn,
        Instant signingTime) {

    public VerificationOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subReason, "subReason");
        if (subReason.status() != status) {
            throw new IllegalArgumentException(subReason + " cannot carry status " + status);
        }
    }

    public static VerificationOutcome passed(String signerSubject, String signerBrn, Instant signingTime) {
        return new VerificationOutcome(VerificationStatus.PASSED, SubReason.NONE, "", signerSubject, signerBrn, signingTime);
    }

    /** A FAILED outcome; reasons whose status is not FAILED are rejected to keep the status consistent. */
    public static VerificationOutcome failed(SubReason reason, String detail) {
        return new VerificationOutcome(VerificationStatus.FAILED, reason, detail, null, null, null);
    }

    public static VerificationOutcome indeterminate(SubReason reason, String detail) {
        return new VerificationOutcome(VerificationStatus.INDETERMINATE, reason, detail, null, null, null);
    }

    /** An outcome for {@code reason} with the status that reason implies. */
    public static VerificationOutcome of(SubReason reason, String detail) {
        return new VerificationOutcome(reason.status(), reason, detail, null, null, null);
    }

    /** Keeps who signed even on failure, so operators can see whose file was rejected. */
    public VerificationOutcome withSigner(String subject, String brn, Instant time) {
        return new VerificationOutcome(status, subReason, detail, subject, brn, time);
    }

    public boolean isPassed() {
        return status == VerificationStatus.PASSED;
    }
}
