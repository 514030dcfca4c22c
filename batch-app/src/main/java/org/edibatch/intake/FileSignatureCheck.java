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
 * Finds and verifies the signature of a claimed file in the accepted forms: NAME beside NAME.p7s
 * (detached CMS), or NAME.p7m (CMS SignedData wrapping the content, which is extracted beside it as
 * NAME.p7m.content so that a restart cannot mistake it for an unsigned delivery).
 */
public final class FileSignatureCheck {

    public static final String DETACHED = ".p7s";
    public static final String ATTACHED = ".p7m";
    public static final String EXTRACTED = ".content";

    /**
     * @param content   the file to read as the interchange (for a .p7m: the extracted content, which for a
     *                  failed signature is only read to find the sender to answer, never processed)
     * @param signature the .p7s or .p7m, or null
     * @param outcome   null when the file came without any signature
     */
    public record Result(String form, Path content, Path signature, VerificationOutcome outcome) {
    }

    /**
     * Whether a claimed file travels with another rather than on its own: a detached signature beside the file
     * it signs, or the content extracted from a .p7m.
     */
    public static boolean isSecondary(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTRACTED) || name.endsWith(DETACHED)
                && Files.exists(file.resolveSibling(name.substring(0, name.length() - DETACHED.length())));
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
        if (!Files.isDirectory(anchors) || Deliveries.list(anchors).isEmpty()) {
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

    /** Whether {@code file} travels with a detached signature (NAME.p7s beside it). */
    public static boolean hasDetachedSignature(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(ATTACHED) && Files.exists(file.resolveSibling(name + DETACHED));
    }

    /**
     * {@link #check(Path, Instant)} for a file with a detached signature whose SHA-256 the caller has computed:
     * the content is not read again when the signer digested it with SHA-256.
     */
    public Result checkDetached(Path file, byte[] sha256, Instant receivedAt) throws IOException {
        Path p7s = file.resolveSibling(file.getFileName() + DETACHED);
        VerificationOutcome outcome = verifier == null
                ? noTrustAnchors()
                : verifier.verifyDetached(file, sha256, p7s, receivedAt);
        return new Result("DETACHED", file, p7s, outcome);
    }

    public Result check(Path file, Instant receivedAt) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(ATTACHED)) {
            Path content = file.resolveSibling(name + EXTRACTED);
            VerificationOutcome outcome = verifier == null
                    ? noTrustAnchors()
                    : verifier.verifyAttached(file, content, receivedAt);
            if (!Files.exists(content)) {
                extractUnverified(file, content);
            }
            return new Result("ATTACHED", content, file, outcome);
        }
        Path p7s = file.resolveSibling(name + DETACHED);
        if (Files.exists(p7s)) {
            VerificationOutcome outcome = verifier == null
                    ? noTrustAnchors()
                    : verifier.verifyDetached(file, p7s, receivedAt);
            return new Result("DETACHED", file, p7s, outcome);
        }
        return new Result("NONE", file, null, null);
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
