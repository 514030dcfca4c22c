package org.edibatch.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.edibatch.signature.internal.CertIssuer;

/**
 * A throw-away NPKI-like PKI for tests, demos and the benchmark. Layout written under the output folder:
 * <pre>
 * trust/root-ca.pem            the only trust anchor
 * crl/root-ca.crl              DER CRL of the root (revokes nothing)
 * crl/issuing-ca-1.crl         PEM CRL of the issuing CA, revoking the "revoked" party
 * ca/*.pem                     intermediates and the untrusted root, for reference only (not trusted)
 * parties/ALIAS.p12            PKCS#12, password "changeit", key + chain (signer, issuing CA, root)
 * certs/ALIAS.pem              the party's certificate alone (what others seal to or check against)
 * parties.csv                  alias,brn,keyType,file
 * </pre>
 * No CRL is written for issuing CA 2, so parties it issues end as REVOCATION_UNKNOWN.
 * All dates derive from the {@code now} given, so runs are reproducible.
 */
public final class DemoPki {

    public static final String PASSWORD = "changeit";

    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";
    public static final String ENCRYPTION_ONLY = "encryption-only";
    public static final String UNTRUSTED = "untrusted";
    public static final String NO_CRL = "no-crl";

    /** RSA is 2048 bits and EC is P-256; the other two exist for algorithm-policy tests. */
    public enum KeyType { RSA, EC, EC_P384, RSA_1024 }

    /** @param encryption a keyEncipherment certificate (what bidders seal to) instead of a signing one */
    public record Party(String alias, String brn, KeyType keyType, boolean encryption) {
        public Party(String alias, String brn, KeyType keyType) {
            this(alias, brn, keyType, false);
        }
    }

    private static final int SIGNING_USAGE = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
    private static final int CA_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;
    private static final Duration DAY = Duration.ofDays(1);

    private final Path dir;
    private final Instant now;
    private final Map<String, Party> parties = new LinkedHashMap<>();
    private final Map<String, Credential> credentials = new LinkedHashMap<>();

    private DemoPki(Path dir, Instant now) {
        this.dir = dir;
        this.now = now;
    }

    public static DemoPki create(Path dir, Instant now, List<Party> parties) throws IOException, GeneralSecurityException {
        DemoPki pki = new DemoPki(dir, now);
        pki.build(parties);
        return pki;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DemoPki <outDir>");
            System.exit(2);
        }
        DemoPki pki = create(Path.of(args[0]), Instant.now(), List.of(
                new Party("acme-trading", "1208147521", KeyType.RSA),
                new Party("hanbit-logistics", "2148800001", KeyType.EC)));
        System.out.println("demo PKI written to " + pki.dir().toAbsolutePath() + " (PKCS#12 password: " + PASSWORD + ")");
        pki.parties().forEach(p -> System.out.println("  " + p.alias() + " BRN " + p.brn() + " " + p.keyType()));
    }

    public Path dir() {
        return dir;
    }

    public Instant now() {
        return now;
    }

    public Path trustDir() {
        return dir.resolve("trust");
    }

    public Path crlDir() {
        return dir.resolve("crl");
    }

    public Path partiesDir() {
        return dir.resolve("parties");
    }

    public TrustConfig trustConfig() {
        return new TrustConfig(trustDir(), crlDir());
    }

    public List<Party> parties() {
        return List.copyOf(parties.values());
    }

    public Party party(String alias) {
        return require(parties, alias);
    }

    public Credential credential(String alias) {
        return require(credentials, alias);
    }

    public Path p12(String alias) {
        require(parties, alias);
        return partiesDir().resolve(alias + ".p12");
    }

    private void build(List<Party> requested) throws IOException, GeneralSecurityException {
        for (String sub : List.of("trust", "crl", "ca", "parties", "certs")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Ca root = selfSigned("EDI Demo Root CA", now.minus(DAY.multipliedBy(365)), now.plus(DAY.multipliedBy(3650)));
        Ca issuing1 = root.subordinate("EDI Demo Issuing CA 1");
        Ca issuing2 = root.subordinate("EDI Demo Issuing CA 2");
        Ca otherRoot = selfSigned("Untrusted Demo Root CA", now.minus(DAY.multipliedBy(365)), now.plus(DAY.multipliedBy(3650)));
        writePem(trustDir().resolve("root-ca.pem"), root.cert);
        writePem(dir.resolve("ca/issuing-ca-1.pem"), issuing1.cert);
        writePem(dir.resolve("ca/issuing-ca-2.pem"), issuing2.cert);
        writePem(dir.resolve("ca/untrusted-root-ca.pem"), otherRoot.cert);

        Instant from = now.minus(DAY.multipliedBy(30));
        Instant to = now.plus(DAY.multipliedBy(365));
        for (Party p : requested) {
            issueParty(p, issuing1, from, to, p.encryption() ? KeyUsage.keyEncipherment : SIGNING_USAGE);
        }
        issueParty(new Party(EXPIRED, "9000000001", KeyType.RSA), issuing1,
                now.minus(DAY.multipliedBy(300)), now.minus(DAY.multipliedBy(30)), SIGNING_USAGE);
        X509Certificate revoked = issueParty(new Party(REVOKED, "9000000002", KeyType.RSA), issuing1, from, to, SIGNING_USAGE);
        issueParty(new Party(ENCRYPTION_ONLY, "9000000003", KeyType.RSA), issuing1, from, to, KeyUsage.keyEncipherment);
        issueParty(new Party(UNTRUSTED, "9000000004", KeyType.RSA), otherRoot, from, to, SIGNING_USAGE);
        issueParty(new Party(NO_CRL, "9000000005", KeyType.RSA), issuing2, from, to, SIGNING_USAGE);

        Instant thisUpdate = now.minus(DAY);
        Instant nextUpdate = now.plus(DAY.multipliedBy(30));
        X509CRL rootCrl = CertIssuer.crl(root.cert, root.key, thisUpdate, nextUpdate, Map.of());
        Files.write(crlDir().resolve("root-ca.crl"), rootCrl.getEncoded());
        X509CRL issuingCrl = CertIssuer.crl(issuing1.cert, issuing1.key, thisUpdate, nextUpdate,
                Map.of(revoked.getSerialNumber(), now.minus(DAY.multipliedBy(10))));
        writePem(crlDir().resolve("issuing-ca-1.crl"), issuingCrl);
        writeManifest();
    }

    private X509Certificate issueParty(Party p, Ca ca, Instant from, Instant to, int usage) throws IOException, GeneralSecurityException {
        KeyPair keys = switch (p.keyType()) {
            case RSA -> CertIssuer.rsa(2048);
            case RSA_1024 -> CertIssuer.rsa(1024);
            case EC -> CertIssuer.ec("secp256r1");
            case EC_P384 -> CertIssuer.ec("secp384r1");
        };
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "KR")
                .addRDN(BCStyle.O, "EDI Demo Parties")
                .addRDN(BCStyle.SERIALNUMBER, p.brn())
                .addRDN(BCStyle.CN, p.alias())
                .build();
        X509Certificate cert = CertIssuer.issue(subject, keys.getPublic(), ca.cert, ca.key, from, to, false, usage);
        List<X509Certificate> chain = new ArrayList<>(List.of(cert));
        chain.addAll(ca.chain);
        Credential credential = new Credential(keys.getPrivate(), chain);
        writePkcs12(partiesDir().resolve(p.alias() + ".p12"), p.alias(), credential);
        writePem(dir.resolve("certs").resolve(p.alias() + ".pem"), cert);
        parties.put(p.alias(), p);
        credentials.put(p.alias(), credential);
        return cert;
    }

    private Ca selfSigned(String cn, Instant from, Instant to) throws GeneralSecurityException {
        KeyPair keys = CertIssuer.rsa(2048);
        X509Certificate cert = CertIssuer.issue(caName(cn), keys.getPublic(), null, keys.getPrivate(), from, to, true, CA_USAGE);
        return new Ca(cert, keys.getPrivate(), List.of(cert));
    }

    private static X500Name caName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "KR").addRDN(BCStyle.O, "EDI Demo PKI").addRDN(BCStyle.CN, cn).build();
    }

    private final class Ca {
        final X509Certificate cert;
        final PrivateKey key;
        final List<X509Certificate> chain;

        Ca(X509Certificate cert, PrivateKey key, List<X509Certificate> chain) {
            this.cert = cert;
            this.key = key;
            this.chain = chain;
        }

        Ca subordinate(String cn) throws GeneralSecurityException {
            KeyPair keys = CertIssuer.rsa(2048);
            X509Certificate sub = CertIssuer.issue(caName(cn), keys.getPublic(), cert, key,
                    now.minus(DAY.multipliedBy(365)), now.plus(DAY.multipliedBy(1825)), true, CA_USAGE);
            List<X509Certificate> subChain = new ArrayList<>(List.of(sub));
            subChain.addAll(chain);
            return new Ca(sub, keys.getPrivate(), subChain);
        }
    }

    private static void writePkcs12(Path file, String alias, Credential c) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, c.privateKey(), PASSWORD.toCharArray(), c.chain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            w.writeObject(object);
        }
    }

    private void writeManifest() throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("parties.csv"), StandardCharsets.UTF_8)) {
            w.write("alias,brn,keyType,file\n");
            for (Party p : parties.values()) {
                w.write(p.alias() + "," + p.brn() + "," + p.keyType() + ",parties/" + p.alias() + ".p12\n");
            }
        }
    }

    private static <T> T require(Map<String, T> map, String alias) {
        T value = map.get(alias);
        if (value == null) {
            throw new IllegalArgumentException("no demo party " + alias);
        }
        return value;
    }

}
