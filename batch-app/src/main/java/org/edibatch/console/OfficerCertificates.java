package org.edibatch.console;

import org.edibatch.signature.OfficerRole;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

/**
 * Decides who gets in: a client certificate that chains to the officers' trust anchor, is valid and not revoked
 * at the time (the intake's rules and CRLs, {@link TrustStore}) and carries exactly one console role. The TLS
 * handshake already refuses a missing, untrusted or expired certificate; this is checked again here, with
 * revocation, which the handshake does not see.
 */
public final class OfficerCertificates {

    /** Why a certificate was refused, for the log; the client is told only that it was. */
    public record Verdict(Officer officer, String refusal) {
        public boolean admitted() {
            return officer != null;
        }
    }

    private final TrustStore trust;

    public OfficerCertificates(TrustStore trust) {
        this.trust = trust;
    }

    /** Reads the CRL folder again: a certificate revoked since is refused from the next request on. */
    public void reloadCrls() throws java.io.IOException {
        trust.reloadCrls();
    }

    public Verdict check(List<X509Certificate> chain, Instant at) {
        if (chain == null || chain.isEmpty()) {
            return new Verdict(null, "no client certificate");
        }
        VerificationOutcome outcome = trust.checkCertificate(chain, at);
        X509Certificate cert = chain.get(0);
        String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        if (!outcome.isPassed()) {
            return new Verdict(null, subject + ": " + outcome.subReason() + " " + outcome.detail());
        }
        Optional<OfficerRole> role = OfficerRole.of(cert);
        if (role.isEmpty()) {
            return new Verdict(null, subject + ": no console role (certificate policy) or more than one");
        }
        return new Verdict(new Officer(subject, cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                role.get()), null);
    }
}
