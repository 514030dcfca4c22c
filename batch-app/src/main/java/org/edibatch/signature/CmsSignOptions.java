package org.edibatch.signature;

import java.time.Instant;

/**
 * Knobs for {@link CmsSigner}. Production senders use {@link #DEFAULT}; the others exist to produce the
 * non-compliant signatures that tests must see rejected.
 *
 * @param digest             JCA digest name used in the signature algorithm, e.g. "SHA256" or (tests) "SHA1"
 * @param includeSigningTime whether the signing-time signed attribute is added
 * @param signingTime        the signing time to claim; null means the current time
 * @param extraSigner        a second signer (tests of the single-signer rule), or null
 */
public record CmsSignOptions(String digest, boolean includeSigningTime, Instant signingTime, Credential extraSigner) {

    public static final CmsSignOptions DEFAULT = new CmsSignOptions("SHA256", true, null, null);

    public CmsSignOptions withDigest(String value) {
        return new CmsSignOptions(value, includeSigningTime, signingTime, extraSigner);
    }

    public CmsSignOptions withoutSigningTime() {
        return new CmsSignOptions(digest, false, signingTime, extraSigner);
    }

    public CmsSignOptions withSigningTime(Instant value) {
        return new CmsSignOptions(digest, includeSigningTime, value, extraSigner);
    }

    public CmsSignOptions withExtraSigner(Credential value) {
        return new CmsSignOptions(digest, includeSigningTime, signingTime, value);
    }
}
