package org.edibatch.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edibatch.signature.TestPki.NOW;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlDsigVerifierTest {

    @TempDir
    static Path dir;

    static DemoPki pki;
    static XmlDsigVerifier verifier;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static final String BID = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bid xmlns="urn:koneps:bid:1">
              <tender>20250303-001</tender>
              <bidder brn="1208147521">Acme Trading</bidder>
              <amount currency="KRW">125000000</amount>
            </bid>
            """;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.create(dir);
        verifier = new XmlDsigVerifier(TrustStore.load(pki.trustConfig()));
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.RSA, TestPki.EC})
    void validSignaturePasses(String alias) throws Exception {
        Path signed = sign(alias);

        VerificationOutcome outcome = verifier.verify(signed, NOW);

        assertThat(outcome.status()).isEqualTo(VerificationStatus.PASSED);
        assertThat(outcome.subReason()).isEqualTo(SubReason.NONE);
        assertThat(outcome.signerBrn()).isEqualTo(pki.party(alias).brn());
        assertThat(outcome.signingTime()).isNull();
    }

    @Test
    void tamperedDocumentFails() throws Exception {
        Path signed = sign(TestPki.RSA);
        Files.writeString(signed, Files.readString(signed).replace("125000000", "925000000"));

        assertOutcome(verifier.verify(signed, NOW), VerificationStatus.FAILED, SubReason.DIGEST_MISMATCH);
    }

    @Test
    void tamperedSignatureValueIsSignatureInvalid() throws Exception {
        Path signed = sign(TestPki.RSA);
        String xml = Files.readString(signed);
        int at = xml.indexOf("SignatureValue>") + "SignatureValue>".length();
        char flipped = xml.charAt(at + 10) == 'A' ? 'B' : 'A';
        Files.writeString(signed, xml.substring(0, at + 10) + flipped + xml.substring(at + 11));

        assertOutcome(verifier.verify(signed, NOW), VerificationStatus.FAILED, SubReason.SIGNATURE_INVALID);
    }

    @Test
    void unsignedDocumentIsMissingSignature() throws Exception {
        assertOutcome(verifier.verify(unsigned(), NOW), VerificationStatus.FAILED, SubReason.MISSING_SIGNATURE);
    }

    @Test
    void certificateRulesApplyToXmlToo() throws Exception {
        assertOutcome(verifier.verify(sign(DemoPki.REVOKED), NOW), VerificationStatus.FAILED, SubReason.REVOKED);
        assertOutcome(verifier.verify(sign(DemoPki.UNTRUSTED), NOW), VerificationStatus.FAILED, SubReason.NOT_TRUSTED);
        assertOutcome(verifier.verify(sign(DemoPki.ENCRYPTION_ONLY), NOW), VerificationStatus.FAILED, SubReason.KEY_USAGE);
        assertOutcome(verifier.verify(sign(DemoPki.EXPIRED), NOW), VerificationStatus.FAILED, SubReason.EXPIRED);
        assertOutcome(verifier.verify(sign(DemoPki.NO_CRL), NOW), VerificationStatus.INDETERMINATE, SubReason.REVOCATION_UNKNOWN);
    }

    @Test
    void doctypeIsRefused() throws Exception {
        Path xxe = dir.resolve("xxe.xml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?><!DOCTYPE bid [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bid>&x;</bid>");

        assertOutcome(verifier.verify(xxe, NOW), VerificationStatus.FAILED, SubReason.MALFORMED);
    }

    @Test
    void doubleSignatureIsRejected() throws Exception {
        Path once = sign(TestPki.RSA);
        Path twice = dir.resolve("twice.xml");
        new XmlSigner().sign(once, twice, pki.credential(TestPki.EC));

        assertOutcome(verifier.verify(twice, NOW), VerificationStatus.FAILED, SubReason.MULTIPLE_SIGNERS);
    }

    private static void assertOutcome(VerificationOutcome outcome, VerificationStatus status, SubReason reason) {
        assertThat(outcome.subReason()).as("sub-reason (detail: %s)", outcome.detail()).isEqualTo(reason);
        assertThat(outcome.status()).isEqualTo(status);
    }

    private static Path unsigned() throws Exception {
        Path file = dir.resolve("bid-" + COUNTER.incrementAndGet() + ".xml");
        Files.writeString(file, BID);
        return file;
    }

    private static Path sign(String alias) throws Exception {
        Path signed = dir.resolve("signed-" + COUNTER.incrementAndGet() + ".xml");
        new XmlSigner().sign(unsigned(), signed, pki.credential(alias));
        return signed;
    }
}
