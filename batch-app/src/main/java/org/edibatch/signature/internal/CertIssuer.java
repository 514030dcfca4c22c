package org.edibatch.signature.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Minimal certificate and CRL factory for the demo PKI; not meant for production issuance. */
public final class CertIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertIssuer() {
    }

    /** Key sizes: "RSA" 2048 (or given), "EC" on the given curve name (JDK naming, e.g. secp256r1). */
    public static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits, RANDOM);
        return g.generateKeyPair();
    }

    public static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), RANDOM);
        return g.generateKeyPair();
    }

    /**
     * @param issuer    null for a self-signed certificate
     * @param keyUsage  bit mask of {@link KeyUsage} constants
     */
    public static X509Certificate issue(X500Name subject, PublicKey subjectKey, X509Certificate issuer, PrivateKey issuerKey,
                                        Instant from, Instant to, boolean ca, int keyUsage) throws GeneralSecurityException {
        try {
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial(), Date.from(from), Date.from(to), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    issuer == null ? ext.createAuthorityKeyIdentifier(subjectKey) : ext.createAuthorityKeyIdentifier(issuer));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuerKey)));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue certificate for " + subject, e);
        }
    }

    /** @param revoked serial numbers with their revocation instants */
    public static X509CRL crl(X509Certificate issuer, PrivateKey issuerKey, Instant thisUpdate, Instant nextUpdate,
                              Map<BigInteger, Instant> revoked) throws GeneralSecurityException {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(issuer, Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            revoked.forEach((serial, at) -> b.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
            b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            return new JcaX509CRLConverter().getCRL(b.build(signer(issuerKey)));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue CRL", e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        boolean ec = BcProvider.isEc(key.getAlgorithm());
        JcaContentSignerBuilder b = new JcaContentSignerBuilder(ec ? "SHA256withECDSA" : "SHA256withRSA");
        if (ec) {
            b.setProvider(BcProvider.INSTANCE);
        }
        return b.build(key);
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }
}
