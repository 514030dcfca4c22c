package org.edibatch.signature;

/** Ties a verified signature to the party the file claims to come from. */
public final class SignerBinding {

    private SignerBinding() {
    }

    /**
     * Turns a PASSED outcome into FAILED/SIGNER_NOT_SENDER unless the signer's BRN equals {@code expectedBrn}.
     * An unknown sender (null) never matches: a valid signature from an unregistered party proves nothing.
     * Outcomes that did not pass are returned unchanged so the original reason is kept.
     */
    public static VerificationOutcome check(VerificationOutcome outcome, String expectedBrn) {
        if (!outcome.isPassed()) {
            return outcome;
        }
        String expected = expectedBrn == null ? null : Brn.normalize(expectedBrn);
        if (expected != null && expected.equals(outcome.signerBrn())) {
            return outcome;
        }
        String detail = expectedBrn == null
                ? "sender unknown; signer BRN " + outcome.signerBrn()
                : "expected BRN " + expectedBrn + ", signer BRN " + outcome.signerBrn();
        return VerificationOutcome.failed(SubReason.SIGNER_NOT_SENDER, detail)
                .withSigner(outcome.signerSubject(), outcome.signerBrn(), outcome.signingTime());
    }
}
