package org.edibatch.signature.internal;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;

import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The accepted algorithm set: SHA-256 or stronger, RSA of at least 2048 bits, EC on P-256 or P-384.
 * Methods return null when acceptable and a short operator-facing detail otherwise.
 */
public final class AlgorithmPolicy {

    public static final int MIN_RSA_BITS = 2048;

    private static final Set<String> CMS_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256.getId(),
            NISTObjectIdentifiers.id_sha384.getId(),
            NISTObjectIdentifiers.id_sha512.getId());

    /** Signature OIDs as they appear in SignerInfo.signatureAlgorithm; the bare key OIDs rely on the digest check. */
    private static final Set<String> CMS_SIGNATURES = Set.of(
            PKCSObjectIdentifiers.rsaEncryption.getId(),
            PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha384WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.sha512WithRSAEncryption.getId(),
            X9ObjectIdentifiers.id_ecPublicKey.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA256.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA384.getId(),
            X9ObjectIdentifiers.ecdsa_with_SHA512.getId());

    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384");

    private static final Set<String> XML_SIGNATURES = Set.of(
            SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384, SignatureMethod.RSA_SHA512,
            SignatureMethod.ECDSA_SHA256, SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512);

    private static final Set<String> XML_DIGESTS = Set.of(
            DigestMethod.SHA256, DigestMethod.SHA384, DigestMethod.SHA512);

    private AlgorithmPolicy() {
    }

    public static String checkCmsDigest(String oid) {
        return CMS_DIGESTS.contains(oid) ? null : "digest algorithm " + oid + " not accepted";
    }

    public static String checkCmsSignature(String oid) {
        return CMS_SIGNATURES.contains(oid) ? null : "signature algorithm " + oid + " not accepted";
    }

    public static String checkXmlSignature(String uri) {
        return XML_SIGNATURES.contains(uri) ? null : "signature method " + uri + " not accepted";
    }

    public static String checkXmlDigest(String uri) {
        return XML_DIGESTS.contains(uri) ? null : "digest method " + uri + " not accepted";
    }

    public static String checkKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS ? null : "RSA key of " + bits + " bits";
        }
        if (BcProvider.isEc(key.getAlgorithm())) {
            // Only named curves are accepted; the OID in the key's parameters is the reliable identifier.
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            if (info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve && CURVES.containsKey(curve)) {
                return null;
            }
            return "EC key not on P-256 or P-384";
        }
        return key.getAlgorithm() + " keys not accepted";
    }
}
