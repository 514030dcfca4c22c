package org.edibatch.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.edibatch.signature.internal.CertIssuer;

/**
 * The demo government PKI of the officers' console (GPKI-like, apart from the traders' NPKI-like {@link DemoPki}):
 * a root whose certificate is the console's trust anchor, an officer CA, and the certificates of the console, all
 * under {@code officers/} of the PKI folder:
 * <pre>
 * officers/trust/gov-root-ca.pem     the console's trust anchor (edibatch.console.trust.anchors); a browser or
 *                                    client trusts it for the server's certificate too
 * officers/crl/gov-root-ca.crl       the root's CRL (revokes nothing)
 * officers/crl/officer-ca.crl        the officer CA's CRL, revoking officer-revoked
 * officers/ca/officer-ca.pem         the officer CA (sent by clients in their chain)
 * officers/officer.p12               role OFFICER: reads and decides
 * officers/auditor.p12               role AUDITOR: reads
 * officers/officer-expired.p12, officer-revoked.p12, officer-no-role.p12 (no role policy),
 * officers/officer-untrusted.p12     (issued by a root the console does not trust): refused, for tests and demos
 * officers/server.p12                the console's key and certificate (alias "server"; SAN 127.0.0.1, localhost)
 * </pre>
 * Every PKCS#12 file has the demo password {@link DemoPki#PASSWORD} and imports into a browser.
 */
public final class OfficerPki {

    public static final String DIR = "officers";
    public static final String OFFICER = "officer";
    public static final String AUDITOR = "auditor";
    public static final String EXPIRED = "officer-expired";
    public static final String REVOKED = "officer-revoked";
    public static final String NO_ROLE = "officer-no-role";
    public static final String UNTRUSTED = "officer-untrusted";
    public static final String SERVER = "server";

    private static final Duration DAY = Duration.ofDays(1);
    private static final int CA_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Instant now;

    private OfficerPki(Path dir, Instant now) {
        this.dir = dir;
        this.now = now;
    }

    /** Writes the officers' PKI under {@code pkiDir/officers}; dates derive from {@code now}. */
    public static OfficerPki create(Path pkiDir, Instant now) throws IOException, GeneralSecurityException {
        OfficerPki pki = new OfficerPki(pkiDir.resolve(DIR), now);
        pki.build();
        return pki;
    }

    /** The folder of an existing officers' PKI under {@code pkiDir}, for its file names. */
    public static OfficerPki at(Path pkiDir) {
        return new OfficerPki(pkiDir.resolve(DIR), null);
    }

    public Path dir() {
        return dir;
    }

    public Path trustDir() {
        return dir.resolve("trust");
    }

    public Path crlDir() {
        return dir.resolve("crl");
    }

    public Path p12(String alias) {
        return dir.resolve(alias + ".p12");
    }

    public TrustConfig trustConfig() {
        return new TrustConfig(trustDir(), crlDir());
    }

    private record Ca(X509Certificate cert, PrivateKey key) {
    }

    private void build() throws IOException, GeneralSecurityException {
        for (String sub : List.of("trust", "crl", "ca")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Ca root = root("EDI Demo Government Root CA");
        Ca officerCa = subordinate(root, "EDI Demo Officer CA");
        Ca otherRoot = root("Untrusted Demo Government Root CA");
        writePem(trustDir().resolve("gov-root-ca.pem"), root.cert());
        writePem(dir.resolve("ca/officer-ca.pem"), officerCa.cert());
        writePem(dir.resolve("ca/untrusted-root-ca.pem"), otherRoot.cert());

        Instant from = now.minus(DAY.multipliedBy(30));
        Instant to = now.plus(DAY.multipliedBy(365));
        person(OFFICER, "Kim Officer", OfficerRole.OFFICER, officerCa, root, from, to);
        person(AUDITOR, "Lee Auditor", OfficerRole.AUDITOR, officerCa, root, from, to);
        person(EXPIRED, "Park Expired", OfficerRole.OFFICER, officerCa, root,
                now.minus(DAY.multipliedBy(300)), now.minus(DAY.multipliedBy(30)));
        X509Certificate revoked = person(REVOKED, "Choi Revoked", OfficerRole.OFFICER, officerCa, root, from, to);
        person(NO_ROLE, "Jung Norole", null, officerCa, root, from, to);
        person(UNTRUSTED, "Kang Untrusted", OfficerRole.OFFICER, otherRoot, null, from, to);
        server(officerCa, root, from, to);

        Instant thisUpdate = now.minus(DAY);
        Instant nextUpdate = now.plus(DAY.multipliedBy(30));
        X509CRL rootCrl = CertIssuer.crl(root.cert(), root.key(), thisUpdate, nextUpdate, Map.of());
        writePem(crlDir().resolve("gov-root-ca.crl"), rootCrl);
        X509CRL caCrl = CertIssuer.crl(officerCa.cert(), officerCa.key(), thisUpdate, nextUpdate,
                Map.of(revoked.getSerialNumber(), now.minus(DAY.multipliedBy(10))));
        writePem(crlDir().resolve("officer-ca.crl"), caCrl);
    }

    private Ca root(String cn) throws GeneralSecurityException {
        KeyPair keys = CertIssuer.rsa(2048);
        X509Certificate cert = CertIssuer.issue(name(cn, null), keys.getPublic(), null, keys.getPrivate(),
                now.minus(DAY.multipliedBy(365)), now.plus(DAY.multipliedBy(3650)), true, CA_USAGE);
        return new Ca(cert, keys.getPrivate());
    }

    private Ca subordinate(Ca parent, String cn) throws GeneralSecurityException {
        KeyPair keys = CertIssuer.rsa(2048);
        X509Certificate cert = CertIssuer.issue(name(cn, null), keys.getPublic(), parent.cert(), parent.key(),
                now.minus(DAY.multipliedBy(365)), now.plus(DAY.multipliedBy(1825)), true, CA_USAGE);
        return new Ca(cert, keys.getPrivate());
    }

    /** A person's client certificate: digitalSignature, clientAuth, and the role's policy OID. */
    private X509Certificate person(String alias, String cn, OfficerRole role, Ca ca, Ca root, Instant from, Instant to)
            throws IOException, GeneralSecurityException {
        KeyPair keys = CertIssuer.rsa(2048);
        X509Certificate cert = leaf(name(cn, "Korea Customs Service"), keys, ca, from, to,
                KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth, role, null);
        writePkcs12(p12(alias), alias, keys.getPrivate(), chain(cert, ca, root));
        return cert;
    }

    private void server(Ca ca, Ca root, Instant from, Instant to) throws IOException, GeneralSecurityException {
        KeyPair keys = CertIssuer.rsa(2048);
        GeneralNames san = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        X509Certificate cert = leaf(name("localhost", "EDI Demo Officers' Console"), keys, ca, from, to,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth, null, san);
        writePkcs12(p12(SERVER), SERVER, keys.getPrivate(), chain(cert, ca, root));
    }

    private static List<X509Certificate> chain(X509Certificate leaf, Ca ca, Ca root) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf, ca.cert()));
        if (root != null && root != ca) {
            chain.add(root.cert());
        }
        return chain;
    }

    private static X509Certificate leaf(X500Name subject, KeyPair keys, Ca ca, Instant from, Instant to, int usage,
                                        KeyPurposeId purpose, OfficerRole role, GeneralNames san)
            throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded()),
                    new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(from), Date.from(to), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.cert()));
            if (role != null) {
                b.addExtension(Extension.certificatePolicies, false,
                        new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(role.oid()))));
            }
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.key())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue certificate for " + subject, e);
        }
    }

    private static X500Name name(String cn, String ou) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "KR")
                .addRDN(BCStyle.O, "EDI Demo Government");
        if (ou != null) {
            b.addRDN(BCStyle.OU, ou);
        }
        return b.addRDN(BCStyle.CN, cn).build();
    }

    private static void writePkcs12(Path file, String alias, PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, DemoPki.PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, DemoPki.PASSWORD.toCharArray());
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            w.writeObject(object);
        }
    }
}
