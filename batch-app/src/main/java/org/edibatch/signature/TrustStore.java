package org.edibatch.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.edibatch.signature.internal.CertificateFiles;

/**
 * Trust anchors and CRLs loaded once from the configured folders, plus a cache of chain validations.
 * Thread-safe; share one instance. Call {@link #reloadCrls()} after new CRLs are dropped into the folder.
 */
public final class TrustStore {

    /** Bounded so that a flood of distinct (e.g. hostile) chains cannot exhaust memory. */
    private static final int MAX_CACHED_CHAINS = 10_000;

    private record Snapshot(ChainValidator validator, int crlCount, Map<ByteBuffer, ValidatedChain> cache) {
    }

    private final TrustConfig config;
    private final Set<TrustAnchor> anchors;
    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject;
    private volatile Snapshot snapshot;

    private TrustStore(TrustConfig config, List<X509Certificate> anchorCerts) {
        this.config = config;
        this.anchors = anchorCerts.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        this.anchorsBySubject = anchorCerts.stream().collect(Collectors.groupingBy(X509Certificate::getSubjectX500Principal));
    }

    public static TrustStore load(TrustConfig config) throws IOException {
        TrustStore store = new TrustStore(config, CertificateFiles.certificates(config.anchorsDir()));
        store.reloadCrls();
        return store;
    }

    /** Re-reads the CRL folder; cached chain results are dropped with the old CRLs, atomically. */
    public void reloadCrls() throws IOException {
        List<X509CRL> crls = CertificateFiles.crls(config.crlDir());
        Map<X500Principal, List<X509CRL>> byIssuer = crls.stream().collect(Collectors.groupingBy(X509CRL::getIssuerX500Principal));
        snapshot = new Snapshot(new ChainValidator(anchors, anchorsBySubject, byIssuer), crls.size(), new ConcurrentHashMap<>());
    }

    public TrustConfig config() {
        return config;
    }

    public int anchorCount() {
        return anchors.size();
    }

    public int crlCount() {
        return snapshot.crlCount();
    }

    public int cachedChainCount() {
        return snapshot.cache().size();
    }

    /**
     * The validated chain for a signer certificate and the other certificates the sender supplied.
     * Cached per chain fingerprint until the earliest nextUpdate of the CRLs it relied on.
     *
     * @throws CertificateException when a certificate cannot be parsed
     */
    ValidatedChain chain(byte[] signerDer, List<byte[]> otherDers, Instant at) throws CertificateException {
        Snapshot s = snapshot;
        ByteBuffer key = fingerprint(signerDer, otherDers);
        ValidatedChain cached = s.cache().get(key);
        if (cached != null && at.isBefore(cached.validUntil)) {
            return cached;
        }
        CertificateFactory factory = CertificateFiles.factory();
        X509Certificate signer = parse(factory, signerDer);
        List<X509Certificate> others = new ArrayList<>(otherDers.size());
        for (byte[] der : otherDers) {
            others.add(parse(factory, der));
        }
        ValidatedChain fresh = s.validator().validate(signer, others);
        if (s.cache().size() >= MAX_CACHED_CHAINS) {
            s.cache().clear();
        }
        s.cache().put(key, fresh);
        return fresh;
    }

    /**
     * A certificate presented by a client (a TLS client certificate, not a signature): its chain to an anchor, its
     * validity at {@code at}, its key usage and its revocation, by the same rules and cache as a signer's.
     *
     * @param chain the client's certificate first, then any intermediates it sent
     */
    public VerificationOutcome checkCertificate(List<X509Certificate> chain, Instant at) {
        if (chain.isEmpty()) {
            return VerificationOutcome.of(SubReason.NOT_TRUSTED, "no certificate");
        }
        try {
            List<byte[]> others = new ArrayList<>();
            for (X509Certificate c : chain.subList(1, chain.size())) {
                others.add(c.getEncoded());
            }
            ValidatedChain validated = chain(chain.get(0).getEncoded(), others, at);
            ValidatedChain.Check check = validated.check(at);
            return check.ok() ? VerificationOutcome.passed(validated.subject, validated.brn, at) : check.toOutcome();
        } catch (CertificateException e) {
            return VerificationOutcome.of(SubReason.NOT_TRUSTED, "certificate not readable");
        }
    }

    /** Order-insensitive for the extra certificates: senders may list them in any order. */
    private static ByteBuffer fingerprint(byte[] signerDer, List<byte[]> otherDers) {
        MessageDigest sha = sha256();
        byte[] signer = sha.digest(signerDer);
        Set<ByteBuffer> others = new HashSet<>();
        for (byte[] der : otherDers) {
            others.add(ByteBuffer.wrap(sha.digest(der)));
        }
        List<ByteBuffer> sorted = new ArrayList<>(others);
        sorted.sort(null);
        ByteBuffer key = ByteBuffer.allocate(32 * (1 + sorted.size()));
        key.put(signer);
        sorted.forEach(key::put);
        return key.flip();
    }

    private static X509Certificate parse(CertificateFactory factory, byte[] der) throws CertificateException {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
