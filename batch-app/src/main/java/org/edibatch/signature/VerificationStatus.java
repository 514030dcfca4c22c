package org.edibatch.signature;

/** Overall verdict on an inbound signature. */
public enum VerificationStatus {
    PASSED,
    FAILED,
    /** The signature could not be judged either way (e.g. revocation status unknown); retrying later may help. */
    INDETERMINATE
}
