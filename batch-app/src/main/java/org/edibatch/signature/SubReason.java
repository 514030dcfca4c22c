package org.edibatch.signature;

import org.edibatch.codes.CodeList;

/**
 * Why a verification did not pass. The code is what APERAK's ERC carries (code list KCS-SIG, stable: senders
 * automate on it; NONE, never answered, has S99, outside the list). The text is meant for answers sent
 * back to the sender, so it stays short and free of internal detail.
 */
public enum SubReason implements CodeList {
    NONE("S99", VerificationStatus.PASSED, "Signature verified."),
    DIGEST_MISMATCH("S01", VerificationStatus.FAILED, "The file was changed after it was signed."),
    SIGNATURE_INVALID("S02", VerificationStatus.FAILED, "The signature does not match the signer's certificate."),
    NOT_TRUSTED("S03", VerificationStatus.FAILED, "The signer's certificate was not issued by an accepted certificate authority."),
    EXPIRED("S04", VerificationStatus.FAILED, "The signer's certificate had expired when the file was received."),
    NOT_YET_VALID("S05", VerificationStatus.FAILED, "The signer's certificate was not yet valid when the file was received."),
    REVOKED("S06", VerificationStatus.FAILED, "The signer's certificate has been revoked."),
    REVOCATION_UNKNOWN("S07", VerificationStatus.INDETERMINATE, "The revocation status of the signer's certificate could not be determined."),
    KEY_USAGE("S08", VerificationStatus.FAILED, "The signer's certificate is not allowed to create signatures."),
    SIGNER_NOT_SENDER("S09", VerificationStatus.FAILED, "The file was signed by someone other than the registered sender."),
    WEAK_ALGORITHM("S10", VerificationStatus.FAILED, "The signature uses an algorithm or key size that is no longer accepted."),
    MISSING_SIGNATURE("S11", VerificationStatus.FAILED, "The file is not signed."),
    MULTIPLE_SIGNERS("S12", VerificationStatus.FAILED, "The file must carry exactly one signature."),
    MISSING_SIGNING_TIME("S13", VerificationStatus.FAILED, "The signature does not state when it was made."),
    MALFORMED("S14", VerificationStatus.FAILED, "The signature could not be read.");

    private final String code;
    private final VerificationStatus status;
    private final String text;

    SubReason(String code, VerificationStatus status, String text) {
        this.code = code;
        this.status = status;
        this.text = text;
    }

    @Override
    public String code() {
        return code;
    }

    /** The status an outcome with this reason carries. */
    public VerificationStatus status() {
        return status;
    }

    /** Short plain-English explanation suitable for the sender. */
    @Override
    public String text() {
        return text;
    }
}
