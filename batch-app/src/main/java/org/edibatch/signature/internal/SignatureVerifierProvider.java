package org.edibatch.signature.internal;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * A lean replacement for BouncyCastle's JcaContentVerifierProviderBuilder on the hot path. BC's version
 * performs a second, raw RSA operation on every verify (to release PKCS#11 sessions), builds a fresh
 * Signature through a provider search each time, and cannot pick the provider per key type.
 * Here Signature objects are reused per thread, RSA goes to the JDK and ECDSA to BouncyCastle.
 * Only the algorithms {@link AlgorithmPolicy} accepts are mapped; anything else is refused.
 */
public final class SignatureVerifierProvider implements ContentVerifierProvider {

    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA",
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA");

    private static final ThreadLocal<Map<String, Signature>> CACHE = ThreadLocal.withInitial(HashMap::new);

    private final PublicKey key;
    private final Provider provider;

    public SignatureVerifierProvider(PublicKey key) {
        this.key = key;
        this.provider = BcProvider.forKey(key);
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return false;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return null;
    }

    @Override
    public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        String name = NAMES.get(algorithm.getAlgorithm());
        if (name == null) {
            throw new OperatorCreationException("signature algorithm not supported: " + algorithm.getAlgorithm());
        }
        try {
            Signature signature = signature(name);
            signature.initVerify(key);
            return new Verifier(algorithm, signature);
        } catch (GeneralSecurityException e) {
            throw new OperatorCreationException("cannot verify with " + name + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private Signature signature(String name) throws GeneralSecurityException {
        String cacheKey = provider == null ? name : name + "/" + provider.getName();
        Map<String, Signature> cache = CACHE.get();
        Signature s = cache.get(cacheKey);
        if (s == null) {
            s = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
            cache.put(cacheKey, s);
        }
        return s;
    }

    private static final class Verifier implements ContentVerifier {
        private final AlgorithmIdentifier algorithm;
        private final Signature signature;
        private final OutputStream stream;

        Verifier(AlgorithmIdentifier algorithm, Signature signature) {
            this.algorithm = algorithm;
            this.signature = signature;
            this.stream = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    try {
                        signature.update(b, off, len);
                    } catch (SignatureException e) {
                        throw new RuntimeOperatorException("signature update failed", e);
                    }
                }
            };
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return stream;
        }

        @Override
        public boolean verify(byte[] expected) {
            try {
                return signature.verify(expected);
            } catch (SignatureException e) {
                // Malformed signature bytes (e.g. bad ECDSA DER) are an invalid signature, not an error.
                return false;
            }
        }
    }
}
