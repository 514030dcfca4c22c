package org.edibatch.intake;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.signature.TrustConfig;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.TrustStoreException;
import org.slf4j.LoggerFactory;
import org.edibatch.signature.XmlDsigVerifier;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Verifies the signature of a claimed file in the accepted forms: NAME beside NAME.p7s (detached CMS), or
 * NAME.p7m (CMS SignedData wrapping the content, which is extracted into the work folder). Which form a delivery
 * came in is decided from its original names ({@link Deliveries}); the files verified are the claim's copies.
 */
public final class FileSignatureCheck {

    public static final String DETACHED = ".p7s";
    public static final String ATTACHED = ".p7m";

    /**
     * @param content   the file to read as the interchange (for a .p7m: the extracted content, which for a
     *                  failed signature is only read to find the sender to answer, never processed)
     * @param signature the .p7s or .p7m, or null
     * @param outcome   null when the file came without any signature
     */
    public record Result(String form, Path content, Path signature, VerificationOutcome outcome) {
    }

    /**
     * The trust anchors and CRLs, loaded anew for each run (CRLs change). Without anchors: null when signatures
     * may be missing (every signed file is then NOT_TRUSTED), else a configuration fault that fails the run,
     * which beats quarantining every file of the night as untrusted. With anchors, the CRL folder must exist:
     * every certificate below an anchor is checked for revocation, and without CRLs each would be refused.
     *
     * @throws TrustStoreException when the folders or files cannot serve as configured
     */
    public static TrustStore trustStore(EdiBatchProperties.Trust trust, boolean required) throws IOException {
        Path anchors = trust.anchors();
        if (!Files.isDirectory(anchors) || !holdsAFile(anchors)) {
            if (!required) {
                LoggerFactory.getLogger(FileSignatureCheck.class)
                        .warn("no trust anchors in {}: signed files will be refused as NOT_TRUSTED", anchors);
                return null;
            }
            throw new TrustStoreException("signatures are required but the trust anchor folder " + anchors
                    + (Files.isDirectory(anchors) ? " holds no CA certificate" : " does not exist")
                    + " (set edibatch.trust.anchors)");
        }
        if (!Files.isDirectory(trust.crls())) {
            throw new TrustStoreException("the CRL folder " + trust.crls()
                    + " does not exist: revocation cannot be checked (set edibatch.trust.crls)");
        }
        return TrustStore.load(new TrustConfig(anchors, trust.crls()));
    }

    /** Whether a folder of the operator's holds a file; links followed (certificate folders are often links). */
    private static boolean holdsAFile(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p));
        }
    }

    /** The text for a refused signature in answers, reason files and the exception report. */
    public static String reasonText(VerificationOutcome outcome) {
        return outcome.subReason().text() + (outcome.detail() == null || outcome.detail().isEmpty()
                ? "" : " " + outcome.detail());
    }

    /** Above this size an enveloped XML-DSig is not checked: it needs the whole document in memory. */
    public static final long MAX_ENVELOPED_XML_BYTES = 64L << 20;

    private final CmsVerifier verifier;
    private final XmlDsigVerifier xmlVerifier;

    /** @param trust null when no trust anchors are configured: every signature is then NOT_TRUSTED */
    public FileSignatureCheck(TrustStore trust) {
        this.verifier = trust == null ? null : new CmsVerifier(trust);
        this.xmlVerifier = trust == null ? null : new XmlDsigVerifier(trust);
    }

    /**
     * The enveloped XML-DSig of an XML file that came without a CMS signature; null when it carries none.
     */
    public VerificationOutcome envelopedXml(Path file, Instant receivedAt) throws IOException {
        if (Files.size(file) > MAX_ENVELOPED_XML_BYTES) {
            return VerificationOutcome.of(SubReason.MALFORMED, "an XML file over "
                    + (MAX_ENVELOPED_XML_BYTES >> 20) + " MiB must be signed with a detached NAME.p7s");
        }
        if (xmlVerifier == null) {
            return noTrustAnchors();
        }
        VerificationOutcome o = xmlVerifier.verify(file, receivedAt);
        return o.subReason() == SubReason.MISSING_SIGNATURE ? null : o;
    }

    /** The outcome of every signature when no trust anchors are configured. */
    private static VerificationOutcome noTrustAnchors() {
        return VerificationOutcome.of(SubReason.NOT_TRUSTED, "no trust anchors configured");
    }

    /**
     * The detached signature {@code p7s} of {@code file}, whose SHA-256 the caller has computed: the content is not
     * read again when the signer digested it with SHA-256.
     */
    public Result checkDetached(Path file, Path p7s, byte[] sha256, Instant receivedAt) throws IOException {
        VerificationOutcome outcome = verifier == null
                ? noTrustAnchors()
                : verifier.verifyDetached(file, sha256, p7s, receivedAt);
        return new Result("DETACHED", file, p7s, outcome);
    }

    /** A .p7m: verified while its content is extracted into {@code content}. */
    public Result checkAttached(Path p7m, Path content, Instant receivedAt) throws IOException {
        VerificationOutcome outcome = verifier == null
                ? noTrustAnchors()
                : verifier.verifyAttached(p7m, content, receivedAt);
        if (!Files.exists(content)) {
            extractUnverified(p7m, content);
        }
        return new Result("ATTACHED", content, p7m, outcome);
    }

    /** A file that came without any signature. */
    public static Result unsigned(Path file) {
        return new Result("NONE", file, null, null);
    }

    /**
     * A claimed delivery's copies (made here if not yet) and its signature in whichever form it came; for the
     * intake that has no use for the envelope scan on the same pass.
     */
    public Result check(WorkFolder.Unit unit, Instant receivedAt) throws IOException {
        if (unit.attached()) {
            unit.secure(null);
            return checkAttached(unit.data(), unit.content(), receivedAt);
        }
        Path p7s = unit.secureSignature();
        byte[] sha = unit.secure(null).sha256();
        return p7s == null ? unsigned(unit.data()) : checkDetached(unit.data(), p7s, sha, receivedAt);
    }

    /** Best effort, to learn whom to answer; an unreadable envelope leaves an empty file. */
    private static void extractUnverified(Path p7m, Path content) throws IOException {
        try (InputStream in = Files.newInputStream(p7m)) {
            CMSSignedDataParser parser = new CMSSignedDataParser(
                    new JcaDigestCalculatorProviderBuilder().build(), in);
            CMSTypedStream signed = parser.getSignedContent();
            if (signed == null) {
                Files.write(content, new byte[0]);
                return;
            }
            Files.copy(signed.getContentStream(), content, StandardCopyOption.REPLACE_EXISTING);
        } catch (CMSException | org.bouncycastle.operator.OperatorCreationException | RuntimeException e) {
            Files.write(content, new byte[0]);
        }
    }
}
