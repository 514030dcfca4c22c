package org.edibatch.cli;

import org.edibatch.samples.SampleSet;
import org.edibatch.samples.load.CreditAdviceGenerator;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.schemas.PaymentNumber;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator's signer: every file of a known sender signed by that sender, the others copied as they are. */
class SignSamplesTest {

    @Test
    void signsEachFileWithItsSendersKeyAndCopiesTheRestUnsigned(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        DemoPki pki = DemoPki.create(dir.resolve("pki"), now, PkiCommands.registryParties());
        Path source = Files.createDirectories(dir.resolve("plain"));
        Map<String, byte[]> samples = SampleSet.generate();
        List<String> edifact = List.of("good-hanbit-001.edi", "good-seoulelec-002.edi", "good-broker-003.edi");
        for (String name : edifact) {
            Files.write(source.resolve(name), samples.get(name));
        }
        Files.write(source.resolve("hanbit-batch.xml"), XmlSampleSet.hanbitTwins("HANBITTRD", "B-SIGN-1"));
        Files.write(source.resolve("stranger.edi"), new String(samples.get("good-hanbit-001.edi"),
                StandardCharsets.ISO_8859_1).replace("HANBITTRD", "NOBODY").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(source.resolve("notes.txt"), "not an interchange");
        // a bank's credit advices: the CREMUL's UNB sender and the camt.054's account servicer sign them
        List<CreditAdviceGenerator.Due> dues = List.of(new CreditAdviceGenerator.Due(PaymentNumber.of(5, 1), BigDecimal.TEN));
        new CreditAdviceGenerator(dir.resolve("cremul"), "HANGUKBANK", 1, 100, 0, 0, 0, 0, 0, 0, 10, 10,
                LocalDate.of(2026, 11, 27)).generate(dues.iterator());
        new CreditAdviceGenerator(dir.resolve("camt"), "HANGUKBANK", 1, 100, 0, 0, 0, 0, 0, 100, 10, 10,
                LocalDate.of(2026, 11, 27)).generate(dues.iterator());
        try (Stream<Path> c = Stream.concat(Files.list(dir.resolve("cremul")), Files.list(dir.resolve("camt")))) {
            for (Path f : c.toList()) {
                Files.copy(f, source.resolve(f.getFileName().toString().endsWith(".xml") ? "bank.xml" : "bank.edi"));
            }
        }

        int signed = PkiCommands.signSamples(pki.dir(), source, dir.resolve("signed"));

        assertThat(signed).isEqualTo(6);
        CmsVerifier verifier = new CmsVerifier(TrustStore.load(pki.trustConfig()));
        for (String name : List.of("good-hanbit-001.edi", "good-seoulelec-002.edi", "good-broker-003.edi", "hanbit-batch.xml",
                "bank.edi", "bank.xml")) {
            Path file = dir.resolve("signed").resolve(name);
            assertThat(file).hasSameBinaryContentAs(source.resolve(name));
            VerificationOutcome o = verifier.verifyDetached(file, file.resolveSibling(name + ".p7s"), now.plusSeconds(60));
            assertThat(o.isPassed()).as(name + ": " + o).isTrue();
        }
        try (Stream<Path> out = Files.list(dir.resolve("signed"))) {
            assertThat(out.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "good-hanbit-001.edi", "good-hanbit-001.edi.p7s", "good-seoulelec-002.edi", "good-seoulelec-002.edi.p7s",
                    "good-broker-003.edi", "good-broker-003.edi.p7s", "hanbit-batch.xml", "hanbit-batch.xml.p7s",
                    "bank.edi", "bank.edi.p7s", "bank.xml", "bank.xml.p7s",
                    "stranger.edi", "notes.txt"); // no staging files left behind
        }
        // each by its own sender: the broker's file carries the broker's registration number
        assertThat(verifier.verifyDetached(dir.resolve("signed/good-broker-003.edi"),
                dir.resolve("signed/good-broker-003.edi.p7s"), now.plusSeconds(60)).signerBrn())
                .isEqualTo(pki.party("DAEHANCB").brn());
        for (String bank : List.of("bank.edi", "bank.xml")) {
            assertThat(verifier.verifyDetached(dir.resolve("signed").resolve(bank),
                    dir.resolve("signed").resolve(bank + ".p7s"), now.plusSeconds(60)).signerBrn())
                    .isEqualTo(pki.party("HANGUKBANK").brn());
        }
    }
}
