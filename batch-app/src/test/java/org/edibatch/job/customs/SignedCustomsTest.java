package org.edibatch.job.customs;

import org.edibatch.cli.PkiCommands;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.SampleSet;
import org.edibatch.signature.CmsSignOptions;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customs run over signed files: what verifies is processed and posted; every signature failure gets
 * its own sub-reason, an APERAK with its code, a line in the exception file and a quarantined file, and
 * nothing of it is posted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class SignedCustomsTest {

    private Path home;
    private TestApp app;
    private JobExecution run;

    @BeforeAll
    void signAndRun(@TempDir Path dir) throws Exception {
        home = dir;
        DemoPki pki = DemoPki.create(dir.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Path inbox = app.inbox();
        Files.createDirectories(inbox);
        Map<String, byte[]> samples = SampleSet.generate();
        Credential hanbit = pki.credential("HANBITTRD");

        // verified: detached RSA, attached RSA, detached EC (broker)
        write(inbox, "good-hanbit-001.edi", samples.get("good-hanbit-001.edi"));
        new CmsSigner().sign(inbox.resolve("good-hanbit-001.edi"), inbox.resolve("good-hanbit-001.edi.p7s"), hanbit, true);
        Path seoul = write(dir.resolve("plain"), "good-seoulelec-002.edi", samples.get("good-seoulelec-002.edi"));
        new CmsSigner().sign(seoul, inbox.resolve("good-seoulelec-002.edi.p7m"), pki.credential("SEOULELEC"), false);
        write(inbox, "good-broker-003.edi", samples.get("good-broker-003.edi"));
        new CmsSigner().sign(inbox.resolve("good-broker-003.edi"), inbox.resolve("good-broker-003.edi.p7s"),
                pki.credential("DAEHANCB"), true);

        signed(inbox, "S01", hanbit, CmsSignOptions.DEFAULT, true);                 // then altered below
        Files.writeString(inbox.resolve("sig-S01.edi"), Files.readString(inbox.resolve("sig-S01.edi"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("800.00", "80.00"), java.nio.charset.StandardCharsets.ISO_8859_1);
        // the sender's certificate with another party's private key: the signature value cannot verify
        signed(inbox, "S02", new Credential(pki.credential("SEOULELEC").privateKey(), hanbit.chain()),
                CmsSignOptions.DEFAULT, true);
        signed(inbox, "S03", pki.credential(DemoPki.UNTRUSTED), CmsSignOptions.DEFAULT, true);
        signed(inbox, "S04", pki.credential(DemoPki.EXPIRED), CmsSignOptions.DEFAULT, true);
        signed(inbox, "S06", pki.credential(DemoPki.REVOKED), CmsSignOptions.DEFAULT, true);
        signed(inbox, "S07", pki.credential(DemoPki.NO_CRL), CmsSignOptions.DEFAULT, true);
        signed(inbox, "S08", pki.credential(DemoPki.ENCRYPTION_ONLY), CmsSignOptions.DEFAULT, true);
        signed(inbox, "S09", pki.credential("SEOULELEC"), CmsSignOptions.DEFAULT, true);
        signed(inbox, "S10", hanbit, CmsSignOptions.DEFAULT.withDigest("SHA1"), true);
        signed(inbox, "S11", null, null, true);
        signed(inbox, "S12", hanbit, CmsSignOptions.DEFAULT.withExtraSigner(pki.credential("HANBITTRD")), true);
        signed(inbox, "S13", hanbit, CmsSignOptions.DEFAULT.withoutSigningTime(), true);
        signed(inbox, "S14", null, null, true);
        Files.writeString(inbox.resolve("sig-S14.edi.p7s"), "not a CMS structure");
        run = app.runCustoms("signed");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static Path write(Path dir, String name, byte[] bytes) throws Exception {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), bytes);
    }

    /** One small HANBITTRD interchange per case, control reference = the expected APERAK code. */
    private static void signed(Path inbox, String ref, Credential signer, CmsSignOptions options, boolean detached)
            throws Exception {
        Path file = write(inbox, "sig-" + ref + ".edi", Interchange.from("HANBITTRD", ref)
                .message(Cusdec.declaration("SG" + ref).item("9503003900", "CN", "100", "PCE", "800.00")).bytes());
        if (signer != null) {
            new CmsSigner(options).sign(file, inbox.resolve(file.getFileName() + (detached ? ".p7s" : ".p7m")), signer, detached);
        }
    }

    @Test
    void onlyWhatVerifiedIsPosted() {
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(app.jdbc().queryForList("SELECT DISTINCT i.control_ref FROM declaration d JOIN interchange i "
                + "ON i.file_id = d.file_id WHERE d.status = 'ACCEPTED' ORDER BY 1", String.class))
                .containsExactly("DH0001", "HB0001", "SE0001");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry e WHERE e.source_ref LIKE 'HANBITTRD/SG%'",
                Integer.class)).isZero();
        assertThat(app.jdbc().queryForList("SELECT sig_form || ':' || sig_status FROM inbound_file WHERE state = 'ARCHIVED' "
                + "ORDER BY original_name", String.class))
                .containsExactly("DETACHED:PASSED", "DETACHED:PASSED", "ATTACHED:PASSED");
    }

    @ParameterizedTest
    @CsvSource({
            "S01, DIGEST_MISMATCH, FAILED",
            "S02, SIGNATURE_INVALID, FAILED",
            "S03, NOT_TRUSTED, FAILED",
            "S04, EXPIRED, FAILED",
            "S06, REVOKED, FAILED",
            "S07, REVOCATION_UNKNOWN, INDETERMINATE",
            "S08, KEY_USAGE, FAILED",
            "S09, SIGNER_NOT_SENDER, FAILED",
            "S10, WEAK_ALGORITHM, FAILED",
            "S11, MISSING_SIGNATURE, FAILED",
            "S12, MULTIPLE_SIGNERS, FAILED",
            "S13, MISSING_SIGNING_TIME, FAILED",
            "S14, MALFORMED, FAILED",
    })
    void eachSignatureFailureHasItsSubReasonAnswerReportLineAndQuarantine(String code, String reason, String status)
            throws Exception {
        Map<String, Object> f = app.jdbc().queryForMap("SELECT f.id, f.state, f.sig_status, f.sig_reason, f.final_path "
                + "FROM inbound_file f WHERE f.original_name = ?", "sig-" + code + ".edi");
        assertThat(f.get("sig_reason")).isEqualTo(reason);
        assertThat(f.get("sig_status")).isEqualTo(status);
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        Path quarantined = Path.of((String) f.get("final_path"));
        assertThat(quarantined).exists().hasParent(home.resolve("quarantine/2026-11-28"));
        assertThat(Path.of(quarantined + ".reason.txt")).content().contains("SIG:" + reason);

        EdifactMessage aperak = Answers.parseValid(Answers.one(home.resolve("outbox/HANBITTRD"), "APERAK_" + code + "_")).get(0);
        assertThat(aperak.type()).isEqualTo("APERAK");
        assertThat(Answers.segments(aperak, "ERC").get(0).value(1, 1)).isEqualTo(code);
        assertThat(Answers.segments(aperak, "FTX").get(0).value(4, 1)).startsWith(reason);
        assertThat(Answers.segments(aperak, "RFF").get(0).value(1, 2)).isEqualTo(code);

        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result WHERE file_id = ?", Integer.class,
                f.get("id"))).isZero();
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item WHERE file_id = ? AND category = 'SIGNATURE' "
                + "AND code = ?", Integer.class, f.get("id"), "SIG:" + reason)).isEqualTo(1);
    }

    @Test
    void theDetachedSignatureIsQuarantinedWithItsFileAndTheP7mIsKeptAsReceived() throws Exception {
        assertThat(home.resolve("quarantine/2026-11-28").toFile().list())
                .anyMatch(n -> n.endsWith("sig-S04.edi.p7s"));
        assertThat(home.resolve("archive/2026-11-28").toFile().list())
                .anyMatch(n -> n.endsWith("good-seoulelec-002.edi.p7m"))
                .noneMatch(n -> n.endsWith(".content"));
    }
}
