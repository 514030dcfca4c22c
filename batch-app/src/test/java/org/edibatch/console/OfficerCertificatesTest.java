package org.edibatch.console;

import org.edibatch.signature.DemoPki;
import org.edibatch.signature.OfficerPki;
import org.edibatch.signature.OfficerRole;
import org.edibatch.signature.TrustStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who the console lets in, on the demo officers' PKI: the role from the policy, the rest refused with a reason. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");

    private OfficerPki pki;
    private OfficerCertificates certificates;

    @BeforeAll
    void pki(@TempDir Path dir) throws Exception {
        pki = OfficerPki.create(dir, NOW);
        certificates = new OfficerCertificates(TrustStore.load(pki.trustConfig()));
    }

    @Test
    void anOfficerDecidesAndAnAuditorReads() throws Exception {
        OfficerCertificates.Verdict officer = certificates.check(chain(OfficerPki.OFFICER), NOW);
        assertThat(officer.admitted()).isTrue();
        assertThat(officer.officer().role()).isEqualTo(OfficerRole.OFFICER);
        assertThat(officer.officer().decides()).isTrue();
        assertThat(officer.officer().subject()).contains("CN=Kim Officer").contains("O=EDI Demo Government");
        assertThat(officer.officer().serial())
                .isEqualTo(chain(OfficerPki.OFFICER).get(0).getSerialNumber().toString(16).toUpperCase());
        OfficerCertificates.Verdict auditor = certificates.check(chain(OfficerPki.AUDITOR), NOW);
        assertThat(auditor.officer().role()).isEqualTo(OfficerRole.AUDITOR);
        assertThat(auditor.officer().decides()).isFalse();
    }

    @Test
    void expiredRevokedUntrustedAndRolelessCertificatesAreRefused() throws Exception {
        assertThat(certificates.check(chain(OfficerPki.EXPIRED), NOW).refusal()).contains("EXPIRED");
        assertThat(certificates.check(chain(OfficerPki.REVOKED), NOW).refusal()).contains("REVOKED");
        assertThat(certificates.check(chain(OfficerPki.UNTRUSTED), NOW).refusal()).contains("NOT_TRUSTED");
        assertThat(certificates.check(chain(OfficerPki.NO_ROLE), NOW).refusal()).contains("no console role");
        assertThat(certificates.check(null, NOW).admitted()).isFalse();
        assertThat(certificates.check(List.of(), NOW).admitted()).isFalse();
    }

    @Test
    void theClockDecidesValidityAndRevocation() throws Exception {
        assertThat(certificates.check(chain(OfficerPki.OFFICER), NOW.plus(Duration.ofDays(400))).refusal())
                .contains("EXPIRED");
        assertThat(certificates.check(chain(OfficerPki.REVOKED), NOW.minus(Duration.ofDays(20))).admitted())
                .as("before its revocation date").isTrue();
    }

    @Test
    void aCrlCopiedInCountsAfterTheReload(@TempDir Path crls) throws Exception {
        Files.copy(pki.crlDir().resolve("gov-root-ca.crl"), crls.resolve("gov-root-ca.crl"));
        OfficerCertificates later = new OfficerCertificates(TrustStore.load(
                new org.edibatch.signature.TrustConfig(pki.trustDir(), crls)));
        assertThat(later.check(chain(OfficerPki.REVOKED), NOW).refusal()).as("no CRL of its CA yet")
                .contains("REVOCATION_UNKNOWN");
        Files.copy(pki.crlDir().resolve("officer-ca.crl"), crls.resolve("officer-ca.crl"));
        later.reloadCrls();
        assertThat(later.check(chain(OfficerPki.REVOKED), NOW).refusal()).contains("REVOKED ");
        assertThat(later.check(chain(OfficerPki.OFFICER), NOW).admitted()).isTrue();
    }

    @Test
    void aTradersCertificateOfTheOtherPkiIsNotAnOfficers(@TempDir Path dir) throws Exception {
        DemoPki traders = DemoPki.create(dir, NOW, List.of(new DemoPki.Party("acme", "1208147521", DemoPki.KeyType.RSA)));
        assertThat(certificates.check(traders.credential("acme").chain(), NOW).refusal()).contains("NOT_TRUSTED");
        OfficerCertificates tradersTrust = new OfficerCertificates(TrustStore.load(traders.trustConfig()));
        assertThat(tradersTrust.check(traders.credential("acme").chain(), NOW).refusal())
                .as("trusted by the traders' root, but no role").contains("no console role");
    }

    private List<X509Certificate> chain(String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.p12(alias))) {
            ks.load(in, DemoPki.PASSWORD.toCharArray());
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : ks.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
        }
        return chain;
    }
}
