package org.edibatch.procurement;

import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.TrustStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceSealTest {

    private static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");
    private DemoPki pki;
    private SealedBidOpener opener;
    private byte[] sealed;

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        pki = DemoPki.create(dir.resolve("pki"), NOW, List.of(
                new DemoPki.Party("V001", "1248100998", DemoPki.KeyType.RSA),
                new DemoPki.Party("V003", "1058134567", DemoPki.KeyType.EC)));
        opener = new SealedBidOpener(pki.credential(DemoPki.ENCRYPTION_ONLY),
                new CmsVerifier(TrustStore.load(pki.trustConfig())));
        sealed = PriceSeal.seal(ProcurementSamples.price("T1", "V003", 450_000_000L), pki.credential("V003"),
                pki.credential(DemoPki.ENCRYPTION_ONLY).certificate());
    }

    private PriceDocument open(byte[] seal, String tender, String bidder, String brn) throws Exception {
        return opener.open(new SealedBidOpener.Sealed(1, tender, bidder, brn, NOW, seal), NOW, NOW);
    }

    @Test
    void theAgencyOpensWhatTheBidderSealedAndTheSealShowsNoPrice() throws Exception {
        assertThat(open(sealed, "T1", "V003", "1058134567").amount()).isEqualByComparingTo("450000000");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("450000000").doesNotContain("BidPrice");
    }

    @Test
    void aTamperedEnvelopeFailsItsTag() {
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 40] ^= 0x01;   // inside the ciphertext / tag, past the recipient info
        assertThatThrownBy(() -> open(tampered, "T1", "V003", "1058134567"))
                .isInstanceOfSatisfying(ProcurementFormatException.class, e -> assertThat(e.code()).isEqualTo(ProcurementCode.O10));
    }

    @Test
    void aSealToAnotherCertificateDoesNotOpen() throws Exception {
        byte[] other = PriceSeal.seal(ProcurementSamples.price("T1", "V003", 1L), pki.credential("V003"),
                pki.credential("V001").certificate());
        assertThatThrownBy(() -> open(other, "T1", "V003", "1058134567"))
                .isInstanceOfSatisfying(ProcurementFormatException.class, e -> assertThat(e.code()).isEqualTo(ProcurementCode.O10));
    }

    @Test
    void aSealCopiedIntoAnotherBidOrSignedByAnotherVendorIsRefused() {
        assertThatThrownBy(() -> open(sealed, "T2", "V003", "1058134567"))
                .isInstanceOfSatisfying(ProcurementFormatException.class, e -> assertThat(e.code()).isEqualTo(ProcurementCode.O12));
        assertThatThrownBy(() -> open(sealed, "T1", "V001", "1248100998"))
                .isInstanceOfSatisfying(ProcurementFormatException.class, e -> assertThat(e.code()).isEqualTo(ProcurementCode.O11));
    }

    @Test
    void nothingOpensBeforeTheOpeningTime() {
        assertThatThrownBy(() -> opener.open(new SealedBidOpener.Sealed(1, "T1", "V003", "1058134567", NOW, sealed),
                NOW.plusSeconds(1), NOW)).isInstanceOf(IllegalStateException.class);
    }
}
