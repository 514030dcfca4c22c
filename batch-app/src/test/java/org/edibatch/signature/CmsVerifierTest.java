package org.edibatch.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edibatch.signature.TestPki.NOW;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CmsVerifierTest {

    @TempDir
    static Path dir;

    static DemoPki pki;
    static TrustStore trust;
    static CmsVerifier verifier;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.create(dir);
        trust = TrustStore.load(pki.trustConfig());
        verifier = new CmsVerifier(trust);
    }

    /**
     * Both ways of verifying a detached signature: streaming the content, and with its SHA-256 computed by the
     * caller (intake's single read). Every test below gets the outcome through here, so both agree on each case.
     */
    private static VerificationOutcome detached(Path content, Path p7s, java.time.Instant at) throws Exception {
        VerificationOutcome streamed = verifier.verifyDetached(content, p7s, at);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(content));
        assertThat(verifier.verifyDetached(content, sha, p7s, at)).as("with the digest given").isEqualTo(streamed);
        return streamed;
    }

    @Test
    void aGivenDigestIsWhatIsVerified() throws Exception {
        Path content = content();
        Path p7s = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);
        byte[] wrong = java.security.MessageDigest.getInstance("SHA-256").digest("other".getBytes(StandardCharsets.UTF_8));
        assertOutcome(verifier.verifyDetached(content, wrong, p7s, NOW), VerificationStatus.FAILED, SubReason.DIGEST_MISMATCH);
        // a signer that digested with SHA-384 is checked against the content itself, not against the SHA-256 given
        Path p384 = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT.withDigest("SHA384"), true);
        assertThat(verifier.verifyDetached(content, wrong, p384, NOW).isPassed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.RSA, TestPki.EC, TestPki.EC_384})
    void detachedSignaturePasses(String alias) throws Exception {
        Path content = content();
        Path p7s = sign(content, alias, CmsSignOptions.DEFAULT, true);

        VerificationOutcome outcome = detached(content, p7s, NOW);

        assertThat(outcome.status()).isEqualTo(VerificationStatus.PASSED);
        assertThat(outcome.subReason()).isEqualTo(SubReason.NONE);
        assertThat(outcome.isPassed()).isTrue();
        assertThat(outcome.signerBrn()).isEqualTo(pki.party(alias).brn());
        assertThat(outcome.signerSubject()).contains("CN=" + alias).contains("SERIALNUMBER=" + pki.party(alias).brn());
        assertThat(outcome.signingTime()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.RSA, TestPki.EC})
    void attachedSignaturePassesAndContentIsExtractedByteIdentical(String alias) throws Exception {
        Path content = content();
        Path p7m = sign(content, alias, CmsSignOptions.DEFAULT, false);
        Path extracted = dir.resolve("extracted-" + COUNTER.incrementAndGet());

        VerificationOutcome outcome = verifier.verifyAttached(p7m, extracted, NOW);

        assertThat(outcome.status()).isEqualTo(VerificationStatus.PASSED);
        assertThat(outcome.subReason()).isEqualTo(SubReason.NONE);
        assertThat(outcome.signerBrn()).isEqualTo(pki.party(alias).brn());
        assertThat(Files.readAllBytes(extracted)).isEqualTo(Files.readAllBytes(content));
    }

    @Test
    void largeContentIsStreamed() throws Exception {
        Path content = dir.resolve("large-" + COUNTER.incrementAndGet() + ".edi");
        byte[] block = "LIN+1++8471300000:HS'QTY+47:10:PCE'".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        try (var out = Files.newOutputStream(content)) {
            for (int i = 0; i < 300; i++) {
                out.write(block);
            }
        }
        Path p7s = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);
        Path p7m = sign(content, TestPki.EC, CmsSignOptions.DEFAULT, false);
        Path extracted = dir.resolve("large-extracted");

        assertThat(detached(content, p7s, NOW).subReason()).isEqualTo(SubReason.NONE);
        assertThat(verifier.verifyAttached(p7m, extracted, NOW).subReason()).isEqualTo(SubReason.NONE);
        assertThat(Files.mismatch(content, extracted)).isEqualTo(-1L);
    }

    @Test
    void tamperedDetachedContentIsDigestMismatch() throws Exception {
        Path content = content();
        Path p7s = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);
        Files.writeString(content, Files.readString(content).replace("CUSDEC", "CUSDEX"));

        assertOutcome(detached(content, p7s, NOW), VerificationStatus.FAILED, SubReason.DIGEST_MISMATCH);
    }

    @Test
    void tamperedAttachedContentIsDigestMismatchAndNothingIsExtracted() throws Exception {
        Path content = content();
        Path p7m = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, false);
        byte[] bytes = Files.readAllBytes(p7m);
        int at = indexOf(bytes, "CUSDEC".getBytes(StandardCharsets.US_ASCII));
        bytes[at + 5] = 'X';
        Files.write(p7m, bytes);
        Path extracted = dir.resolve("tampered-extracted");

        assertOutcome(verifier.verifyAttached(p7m, extracted, NOW), VerificationStatus.FAILED, SubReason.DIGEST_MISMATCH);
        assertThat(extracted).doesNotExist();
    }

    @Test
    void signatureFromAnotherKeyIsSignatureInvalid() throws Exception {
        Credential rsa = pki.credential(TestPki.RSA);
        Credential impostor = new Credential(pki.credential(TestPki.OTHER_RSA).privateKey(), rsa.chain());
        Path content = content();
        Path p7s = dir.resolve(content.getFileName() + ".p7s");
        new CmsSigner().sign(content, p7s, impostor, true);

        assertOutcome(detached(content, p7s, NOW), VerificationStatus.FAILED, SubReason.SIGNATURE_INVALID);
    }

    @Test
    void expiredCertificate() throws Exception {
        assertDetached(DemoPki.EXPIRED, CmsSignOptions.DEFAULT, VerificationStatus.FAILED, SubReason.EXPIRED);
    }

    @Test
    void revokedCertificate() throws Exception {
        assertDetached(DemoPki.REVOKED, CmsSignOptions.DEFAULT, VerificationStatus.FAILED, SubReason.REVOKED);
    }

    @Test
    void certificateFromUntrustedRoot() throws Exception {
        assertDetached(DemoPki.UNTRUSTED, CmsSignOptions.DEFAULT, VerificationStatus.FAILED, SubReason.NOT_TRUSTED);
    }

    @Test
    void issuerWithoutCrlIsIndeterminate() throws Exception {
        assertDetached(DemoPki.NO_CRL, CmsSignOptions.DEFAULT, VerificationStatus.INDETERMINATE, SubReason.REVOCATION_UNKNOWN);
    }

    @Test
    void encryptionOnlyCertificateIsKeyUsage() throws Exception {
        assertDetached(DemoPki.ENCRYPTION_ONLY, CmsSignOptions.DEFAULT, VerificationStatus.FAILED, SubReason.KEY_USAGE);
    }

    @Test
    void sha1IsWeak() throws Exception {
        assertDetached(TestPki.RSA, CmsSignOptions.DEFAULT.withDigest("SHA1"), VerificationStatus.FAILED, SubReason.WEAK_ALGORITHM);
    }

    @Test
    void rsa1024IsWeak() throws Exception {
        assertDetached(TestPki.WEAK_RSA, CmsSignOptions.DEFAULT, VerificationStatus.FAILED, SubReason.WEAK_ALGORITHM);
    }

    @Test
    void twoSignersAreRejected() throws Exception {
        CmsSignOptions twoSigners = CmsSignOptions.DEFAULT.withExtraSigner(pki.credential(TestPki.EC));
        assertDetached(TestPki.RSA, twoSigners, VerificationStatus.FAILED, SubReason.MULTIPLE_SIGNERS);
    }

    @Test
    void missingSigningTimeIsRejected() throws Exception {
        assertDetached(TestPki.RSA, CmsSignOptions.DEFAULT.withoutSigningTime(), VerificationStatus.FAILED, SubReason.MISSING_SIGNING_TIME);
    }

    @Test
    void claimedSigningTimeIsReported() throws Exception {
        Path content = content();
        Path p7s = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT.withSigningTime(NOW.minusSeconds(60)), true);

        assertThat(detached(content, p7s, NOW).signingTime()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void missingSignatureFile() throws Exception {
        Path content = content();
        assertOutcome(detached(content, dir.resolve("absent.p7s"), NOW), VerificationStatus.FAILED, SubReason.MISSING_SIGNATURE);
        assertOutcome(verifier.verifyAttached(dir.resolve("absent.p7m"), dir.resolve("never"), NOW), VerificationStatus.FAILED, SubReason.MISSING_SIGNATURE);
    }

    @Test
    void garbageSignatureFileIsMalformed() throws Exception {
        Path content = content();
        Path p7s = dir.resolve("garbage-" + COUNTER.incrementAndGet() + ".p7s");
        Files.writeString(p7s, "this is not a PKCS#7 structure");
        Path p7m = dir.resolve("garbage-" + COUNTER.incrementAndGet() + ".p7m");
        Files.write(p7m, new byte[] {0x30, (byte) 0x82, 0x10, 0x00, 0x06, 0x09});
        Path extracted = dir.resolve("garbage-extracted");

        assertOutcome(detached(content, p7s, NOW), VerificationStatus.FAILED, SubReason.MALFORMED);
        assertOutcome(verifier.verifyAttached(p7m, extracted, NOW), VerificationStatus.FAILED, SubReason.MALFORMED);
        assertThat(extracted).doesNotExist();
    }

    @Test
    void detachedSignatureGivenAsAttachedIsMalformed() throws Exception {
        Path p7s = sign(content(), TestPki.RSA, CmsSignOptions.DEFAULT, true);
        assertOutcome(verifier.verifyAttached(p7s, dir.resolve("nothing"), NOW), VerificationStatus.FAILED, SubReason.MALFORMED);
    }

    @Test
    void validityAndRevocationAreJudgedAtTimeOfReceipt() throws Exception {
        Path content = content();
        Path valid = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);
        Path revoked = sign(content, DemoPki.REVOKED, CmsSignOptions.DEFAULT, true);

        assertThat(detached(content, valid, NOW.plus(Duration.ofDays(400))).subReason()).isEqualTo(SubReason.EXPIRED);
        assertThat(detached(content, valid, NOW.minus(Duration.ofDays(31))).subReason()).isEqualTo(SubReason.NOT_YET_VALID);
        // CRLs are good for 30 days; after that nobody can say whether the certificate was revoked meanwhile.
        assertOutcome(detached(content, valid, NOW.plus(Duration.ofDays(31))), VerificationStatus.INDETERMINATE, SubReason.REVOCATION_UNKNOWN);
        // The demo certificate was revoked ten days before NOW: a file received before that was fine.
        assertThat(detached(content, revoked, NOW.minus(Duration.ofDays(20))).subReason()).isEqualTo(SubReason.NONE);
    }

    @Test
    void signerMustBeTheSender() throws Exception {
        Path content = content();
        VerificationOutcome passed = detached(content, sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true), NOW);

        assertThat(SignerBinding.check(passed, TestPki.RSA_BRN)).isEqualTo(passed);
        assertThat(SignerBinding.check(passed, "120-81-47521").isPassed()).isTrue();
        VerificationOutcome wrongSender = SignerBinding.check(passed, TestPki.EC_BRN);
        assertOutcome(wrongSender, VerificationStatus.FAILED, SubReason.SIGNER_NOT_SENDER);
        assertThat(wrongSender.signerBrn()).isEqualTo(TestPki.RSA_BRN);
        assertOutcome(SignerBinding.check(passed, null), VerificationStatus.FAILED, SubReason.SIGNER_NOT_SENDER);
        VerificationOutcome failed = VerificationOutcome.failed(SubReason.REVOKED, "x");
        assertThat(SignerBinding.check(failed, TestPki.RSA_BRN)).isSameAs(failed);
    }

    @Test
    void chainValidationIsCachedPerChain() throws Exception {
        TrustStore fresh = TrustStore.load(pki.trustConfig());
        CmsVerifier v = new CmsVerifier(fresh);
        Path content = content();
        Path a = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);
        Path b = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);

        assertThat(v.verifyDetached(content, a, NOW).isPassed()).isTrue();
        assertThat(v.verifyDetached(content, b, NOW).isPassed()).isTrue();
        assertThat(fresh.cachedChainCount()).isEqualTo(1);
        assertThat(fresh.anchorCount()).isEqualTo(1);
        assertThat(fresh.crlCount()).isEqualTo(2);
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        Path content = content();
        Path rsa = sign(content, TestPki.RSA, CmsSignOptions.DEFAULT, true);
        Path ec = sign(content, TestPki.EC, CmsSignOptions.DEFAULT, true);
        Path revoked = sign(content, DemoPki.REVOKED, CmsSignOptions.DEFAULT, true);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<SubReason>>();
            for (int i = 0; i < 300; i++) {
                Path p7s = switch (i % 3) {
                    case 0 -> rsa;
                    case 1 -> ec;
                    default -> revoked;
                };
                futures.add(pool.submit(() -> detached(content, p7s, NOW).subReason()));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(i % 3 == 2 ? SubReason.REVOKED : SubReason.NONE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertDetached(String alias, CmsSignOptions options, VerificationStatus status, SubReason reason) throws Exception {
        Path content = content();
        Path p7s = sign(content, alias, options, true);
        assertOutcome(detached(content, p7s, NOW), status, reason);
        Path p7m = sign(content, alias, options, false);
        Path extracted = dir.resolve("out-" + COUNTER.incrementAndGet());
        assertOutcome(verifier.verifyAttached(p7m, extracted, NOW), status, reason);
        assertThat(extracted).doesNotExist();
    }

    private static void assertOutcome(VerificationOutcome outcome, VerificationStatus status, SubReason reason) {
        assertThat(outcome.subReason()).as("sub-reason (detail: %s)", outcome.detail()).isEqualTo(reason);
        assertThat(outcome.status()).isEqualTo(status);
    }

    private static Path content() throws Exception {
        return TestPki.edifact(dir, "msg-" + COUNTER.incrementAndGet() + ".edi");
    }

    private static Path sign(Path content, String alias, CmsSignOptions options, boolean detached) throws Exception {
        Path out = dir.resolve(content.getFileName() + "-" + COUNTER.incrementAndGet() + (detached ? ".p7s" : ".p7m"));
        new CmsSigner(options).sign(content, out, pki.credential(alias), detached);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("content not found in p7m");
    }
}
