package org.edibatch.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPkiTest {

    @TempDir
    static Path dir;

    static DemoPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.create(dir);
    }

    @Test
    void writesTheDocumentedLayout() throws Exception {
        Path root = pki.dir();
        assertThat(root.resolve("trust/root-ca.pem")).exists();
        try (var trust = Files.list(root.resolve("trust"))) {
            assertThat(trust.count()).as("only the root is an anchor").isEqualTo(1);
        }
        assertThat(root.resolve("crl/root-ca.crl")).exists();
        assertThat(root.resolve("crl/issuing-ca-1.crl")).exists();
        assertThat(root.resolve("ca/issuing-ca-2.pem")).exists();
        for (String alias : List.of(TestPki.RSA, TestPki.EC, DemoPki.EXPIRED, DemoPki.REVOKED,
                DemoPki.ENCRYPTION_ONLY, DemoPki.UNTRUSTED, DemoPki.NO_CRL)) {
            assertThat(pki.p12(alias)).exists();
        }
        List<String> manifest = Files.readAllLines(root.resolve("parties.csv"));
        assertThat(manifest.get(0)).isEqualTo("alias,brn,keyType,file");
        assertThat(manifest).contains("rsa-party,1208147521,RSA,parties/rsa-party.p12", "ec-party,2148800001,EC,parties/ec-party.p12");
    }

    @Test
    void pkcs12OpensWithDocumentedPasswordAndCarriesBrn() throws Exception {
        Credential c = Credential.fromPkcs12(pki.p12(TestPki.EC), DemoPki.PASSWORD.toCharArray());

        assertThat(Brn.of(c.certificate())).isEqualTo(TestPki.EC_BRN);
        assertThat(c.chain()).hasSize(3);
        assertThat(c.certificate().getNotBefore().toInstant()).isEqualTo(TestPki.NOW.minus(java.time.Duration.ofDays(30)));
    }

    @Test
    void signToolWritesVerifiableSignature() throws Exception {
        Path file = TestPki.edifact(dir, "tool.edi");
        SignTool.main(new String[] {"sign", pki.p12(TestPki.RSA).toString(), DemoPki.PASSWORD, file.toString()});
        SignTool.main(new String[] {"sign", pki.p12(TestPki.EC).toString(), DemoPki.PASSWORD, file.toString(), "--attached"});

        CmsVerifier verifier = new CmsVerifier(TrustStore.load(pki.trustConfig()));
        assertThat(verifier.verifyDetached(file, dir.resolve("tool.edi.p7s"), TestPki.NOW).isPassed()).isTrue();
        assertThat(verifier.verifyAttached(dir.resolve("tool.edi.p7m"), dir.resolve("tool-out.edi"), TestPki.NOW).isPassed()).isTrue();
    }

    @Test
    void outcomeStatusFollowsReason() {
        assertThat(VerificationOutcome.indeterminate(SubReason.REVOCATION_UNKNOWN, "x").status()).isEqualTo(VerificationStatus.INDETERMINATE);
        assertThat(VerificationOutcome.of(SubReason.REVOKED, "x").status()).isEqualTo(VerificationStatus.FAILED);
        assertThatThrownBy(() -> VerificationOutcome.failed(SubReason.REVOCATION_UNKNOWN, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SubReason.DIGEST_MISMATCH.text()).isNotBlank();
        assertThat(Brn.normalize("120-81-47521")).isEqualTo("1208147521");
        assertThat(Brn.normalize("12081")).isNull();
    }
}
