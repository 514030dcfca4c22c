package org.edibatch.signature;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.edibatch.signature.ValidatedChain.Check;
import org.edibatch.signature.ValidatedChain.Revocation;
import org.edibatch.signature.internal.AlgorithmPolicy;
import org.edibatch.signature.internal.CertificateFiles;

/** Builds and validates a chain once; the result is cached by {@link TrustStore}. */
final class ChainValidator {

    private final Set<TrustAnchor> anchors;
    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject;
    private final Map<X500Principal, List<X509CRL>> crlsByIssuer;

    ChainValidator(Set<TrustAnchor> anchors, Map<X500Principal, List<X509Certificate>> anchorsBySubject,
                   Map<X500Principal, List<X509CRL>> crlsByIssuer) {
        this.anchors = anchors;
        this.anchorsBySubject = anchorsBySubject;
        this.crlsByIssuer = crlsByIssuer;
    }

    ValidatedChain validate(X509Certificate signer, List<X509Certificate> others) {
        List<X509Certificate> path = buildPath(signer, others);
        String weak = AlgorithmPolicy.checkKey(signer.getPublicKey());
        Check keyStrength = weak == null ? Check.OK : new Check(SubReason.WEAK_ALGORITHM, weak);

        Optional<Date> commonStart = commonValidityStart(path);
        if (commonStart.isEmpty()) {
            // No instant exists at which the whole path is valid; the per-receipt validity check will say which cert.
            return new ValidatedChain(signer, keyStrength, new Check(SubReason.EXPIRED, "validity periods do not overlap"), path, List.of());
        }
        X509Certificate anchor;
        try {
            anchor = pkix(path, commonStart.get());
        } catch (CertPathValidatorException e) {
            String why = "path rejected: " + e.getReason() + " at index " + e.getIndex();
            return new ValidatedChain(signer, keyStrength, new Check(SubReason.NOT_TRUSTED, why), path, List.of());
        } catch (GeneralSecurityException e) {
            return new ValidatedChain(signer, keyStrength, new Check(SubReason.NOT_TRUSTED, "path not validated: " + e.getClass().getSimpleName()), path, List.of());
        }
        List<X509Certificate> timed = new ArrayList<>(path);
        timed.add(anchor);
        return new ValidatedChain(signer, keyStrength, Check.OK, timed, revocations(path, anchor));
    }

    /** Follows issuer names from the signer until a configured anchor's subject is reached. */
    private List<X509Certificate> buildPath(X509Certificate signer, List<X509Certificate> others) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(signer);
        X509Certificate current = signer;
        while (!anchorsBySubject.containsKey(current.getIssuerX500Principal())) {
            X500Principal issuer = current.getIssuerX500Principal();
            Optional<X509Certificate> next = others.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(issuer) && !path.contains(c))
                    .findFirst();
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
            path.add(current);
        }
        return path;
    }

    private static Optional<Date> commonValidityStart(List<X509Certificate> path) {
        Date start = path.stream().map(X509Certificate::getNotBefore).max(Comparator.naturalOrder()).orElseThrow();
        Date end = path.stream().map(X509Certificate::getNotAfter).min(Comparator.naturalOrder()).orElseThrow();
        return start.after(end) ? Optional.empty() : Optional.of(start);
    }

    /**
     * The JDK's PKIX check covers signatures, names, basic constraints and CA key usage. It runs at an
     * instant where every certificate is valid so its verdict is independent of the time of receipt;
     * revocation is done separately against the configured CRL folder.
     */
    private X509Certificate pkix(List<X509Certificate> path, Date at) throws GeneralSecurityException {
        CertPath certPath = CertificateFiles.factory().generateCertPath(path);
        PKIXParameters params = new PKIXParameters(anchors);
        params.setRevocationEnabled(false);
        params.setDate(at);
        var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, params);
        return result.getTrustAnchor().getTrustedCert();
    }

    private List<Revocation> revocations(List<X509Certificate> path, X509Certificate anchor) {
        List<Revocation> out = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            out.add(newestCrl(issuer)
                    .map(crl -> {
                        X509CRLEntry entry = crl.getRevokedCertificate(cert);
                        Instant revokedAt = entry == null ? null : entry.getRevocationDate().toInstant();
                        Instant next = crl.getNextUpdate() == null ? Instant.MAX : crl.getNextUpdate().toInstant();
                        return new Revocation(cert, true, revokedAt, next);
                    })
                    .orElseGet(() -> new Revocation(cert, false, null, null)));
        }
        return out;
    }

    /** Only CRLs that verify under the issuer's key count: a name match alone could be forged. */
    private Optional<X509CRL> newestCrl(X509Certificate issuer) {
        return crlsByIssuer.getOrDefault(issuer.getSubjectX500Principal(), List.of()).stream()
                .filter(crl -> signedBy(crl, issuer))
                .max(Comparator.comparing(X509CRL::getThisUpdate));
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
