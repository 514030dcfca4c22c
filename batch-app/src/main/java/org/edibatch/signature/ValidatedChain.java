package org.edibatch.signature;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

/**
 * Everything about a signer's certificate chain that does not depend on the time of receipt,
 * so it can be cached; {@link #check(Instant)} applies the time-dependent rules per file.
 */
final class ValidatedChain {

    private static final Map<String, String> READABLE = Map.of("2.5.4.5", "SERIALNUMBER");

    record Check(SubReason reason, String detail) {
        static final Check OK = new Check(SubReason.NONE, "");

        boolean ok() {
            return reason == SubReason.NONE;
        }

        VerificationOutcome toOutcome() {
            return VerificationOutcome.of(reason, detail);
        }
    }

    /** Revocation facts from the issuer's newest CRL; {@code known} is false when the issuer has none. */
    record Revocation(X509Certificate cert, boolean known, Instant revokedAt, Instant nextUpdate) {
    }

    final X509Certificate signer;
    final String subject;
    final String brn;
    private final Check keyStrength;
    private final Check trust;
    private final List<X509Certificate> timed;
    private final List<Revocation> revocations;
    /** Earliest CRL nextUpdate: past it the cached revocation facts are no longer authoritative. */
    final Instant validUntil;

    ValidatedChain(X509Certificate signer, Check keyStrength, Check trust,
                   List<X509Certificate> timed, List<Revocation> revocations) {
        this.signer = signer;
        this.subject = subjectOf(signer);
        this.brn = Brn.of(signer);
        this.keyStrength = keyStrength;
        this.trust = trust;
        this.timed = List.copyOf(timed);
        this.revocations = List.copyOf(revocations);
        this.validUntil = revocations.stream()
                .map(Revocation::nextUpdate)
                .filter(t -> t != null)
                .min(Instant::compareTo)
                .orElse(Instant.MAX);
    }

    PublicKey publicKey() {
        return signer.getPublicKey();
    }

    /** Checked before the signature itself so weak keys are never used for verification. */
    Check keyStrength() {
        return keyStrength;
    }

    /**
     * Certificate rules at the time of receipt. Definitive failures come before REVOCATION_UNKNOWN,
     * because an INDETERMINATE answer invites a retry that could never succeed.
     */
    Check check(Instant at) {
        Check validity = validityAt(at);
        if (!validity.ok()) {
            return validity;
        }
        if (!trust.ok()) {
            return trust;
        }
        if (!hasDigitalSignatureUsage(signer)) {
            return new Check(SubReason.KEY_USAGE, "keyUsage lacks digitalSignature");
        }
        for (Revocation r : revocations) {
            if (r.revokedAt() != null && !r.revokedAt().isAfter(at)) {
                return new Check(SubReason.REVOKED, name(r.cert()) + " revoked at " + r.revokedAt());
            }
        }
        for (Revocation r : revocations) {
            if (!r.known()) {
                return new Check(SubReason.REVOCATION_UNKNOWN, "no CRL from the issuer of " + name(r.cert()));
            }
            if (at.isAfter(r.nextUpdate())) {
                return new Check(SubReason.REVOCATION_UNKNOWN, "CRL for " + name(r.cert()) + " stale since " + r.nextUpdate());
            }
        }
        return Check.OK;
    }

    private Check validityAt(Instant at) {
        for (X509Certificate c : timed) {
            if (at.isBefore(c.getNotBefore().toInstant())) {
                return new Check(SubReason.NOT_YET_VALID, name(c) + " valid from " + c.getNotBefore().toInstant());
            }
            if (at.isAfter(c.getNotAfter().toInstant())) {
                return new Check(SubReason.EXPIRED, name(c) + " expired " + c.getNotAfter().toInstant());
            }
        }
        return Check.OK;
    }

    /** A certificate without keyUsage is refused too: NPKI signing certificates always state it. */
    private static boolean hasDigitalSignatureUsage(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        return usage != null && usage.length > 0 && usage[0];
    }

    private static String name(X509Certificate c) {
        return subjectOf(c);
    }

    /** Named serialNumber keeps the BRN readable; the JDK would otherwise print it as a hex blob. */
    static String subjectOf(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253, READABLE);
    }
}
