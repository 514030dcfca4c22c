package org.edibatch.signature;

/**
 * Why a verification did not pass. The text is meant for answers sent back to the sender,
 * so it stays short and free of internal detail.
 */
public enum SubReason {
    NONE(VerificationStatus.PASSED, "Signature verified."),
    DIGEST_MISMATCH(VerificationStatus.FAILED, "The file was changed after it was signed."),
    SIGNATURE_INVALID(VerificationStatus.FAILED, "The signature does not match the signer's certificate."),
    NOT_TRUSTED(VerificationStatus.FAILED, "The signer's certificate was not issued by an accepted certificate authority."),
    EXPIRED(VerificationStatus.FAILED, "The signer's certificate had expired when the file was received."),
    NOT_YET_VALID(VerificationStatus.FAILED, "The signer's certificate was not yet valid when the file was received."),
    REVOKED(VerificationStatus.FAILED, "The signer's certificate has been revoked."),
    REVOCATION_UNKNOWN(VerificationStatus.INDETERMINATE, "The revocation status of the signer's certificate could not be determined."),
    KEY_USAGE(VerificationStatus.FAILED, "The signer's certificate is not allowed to create signatures."),
    SIGNER_NOT_SENDER(VerificationStatus.FAILED, "The file was signed by someone other than the registered sender."),
    WEAK_ALGORITHM(VerificationStatus.FAILED, "The signature uses an algorithm or key size that is no longer accepted."),
    MISSING_SIGNATURE(VerificationStatus.FAILED, "The file is not signed."),
    MULTIPLE_SIGNERS(VerificationStatus.FAILED, "The file must carry exactly one signature."),
    MISSING_SIGNING_TIME(VerificationStatus.FAILED, "The signature does not state when it was made."),
    MALFORMED(VerificationStatus.FAILED, "The signature could not be read.");

    private final VerificationStatus status;
    private final String text;

    SubReason(VerificationStatus status, String text) {
        this.status = status;
        this.text = text;
    }

    /** The status an outcome with this reason carries. */
    public VerificationStatus status() {
        return status;
    }

    /** Short plain-English explanation suitable for the sender. */
    public String text() {
        return text;
    }
}
