package org.edibatch.signature;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.edibatch.signature.ValidatedChain.Check;
import org.edibatch.signature.internal.AlgorithmPolicy;
import org.edibatch.signature.internal.SignatureVerifierProvider;

/**
 * Verifies CMS SignedData signatures (.p7s detached, .p7m attached). Thread-safe: share one instance.
 * Content is streamed through the digest and never held in memory.
 *
 * <p>Local I/O failures (content file unreadable, output not writable) are the receiver's problem, not the
 * sender's, so they surface as {@link UncheckedIOException} instead of an outcome.
 */
public final class CmsVerifier {

    /** A .p7s is a few KB; anything far larger is not a signature we want to buffer. */
    private static final long MAX_SIGNATURE_BYTES = 10L * 1024 * 1024;
    private static final int BUFFER = 32 * 1024;

    /** Both are read-only after construction, and building the name table is costly per call. */
    private static final DefaultCMSSignatureAlgorithmNameGenerator NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final DefaultSignatureAlgorithmIdentifierFinder ALGORITHMS = new DefaultSignatureAlgorithmIdentifierFinder();

    private final TrustStore trust;
    private final DigestCalculatorProvider digests;

    public CmsVerifier(TrustStore trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("JDK digests unavailable", e);
        }
    }

    /** Verifies {@code p7s} as a detached signature over {@code content}, judged at {@code receivedAt}. */
    public VerificationOutcome verifyDetached(Path content, Path p7s, Instant receivedAt) {
        SignatureFile read = SignatureFile.read(p7s);
        if (read.refused() != null) {
            return read.refused();
        }
        byte[] signature = read.bytes();
        try (InputStream in = Files.newInputStream(content)) {
            CMSSignedDataParser parser;
            try {
                parser = new CMSSignedDataParser(digests, new CMSTypedStream(CMSObjectIdentifiers.data, in, BUFFER), signature);
            } catch (CMSException | RuntimeException e) {
                return malformed(e);
            }
            // Reading the content is what feeds the digests; the verdict needs it fully consumed.
            parser.getSignedContent().drain();
            return verifyParsed(parser, receivedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #verifyDetached(Path, Path, Instant)}, with the SHA-256 of {@code content} already computed by the
     * caller (intake hashes every file anyway): when the signer digested the content with SHA-256, as nearly
     * every signer does, the content is not read again; with another digest it is, as there.
     */
    public VerificationOutcome verifyDetached(Path content, byte[] contentSha256, Path p7s, Instant receivedAt) {
        SignatureFile read = SignatureFile.read(p7s);
        if (read.refused() != null) {
            return read.refused();
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(Map.of(NISTObjectIdentifiers.id_sha256, contentSha256.clone()), read.bytes());
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                if (!NISTObjectIdentifiers.id_sha256.getId().equals(signer.getDigestAlgOID())) {
                    return verifyDetached(content, p7s, receivedAt);
                }
            }
        } catch (CMSException | RuntimeException e) {
            return malformed(e);
        }
        return verifyParsed(signed::getCertificates, signed::getSignerInfos, receivedAt);
    }

    /** A detached signature file's bytes, or why it cannot be verified (missing, far too large for a signature). */
    private record SignatureFile(byte[] bytes, VerificationOutcome refused) {
        static SignatureFile read(Path p7s) {
            try {
                if (Files.size(p7s) > MAX_SIGNATURE_BYTES) {
                    return new SignatureFile(null, VerificationOutcome.failed(SubReason.MALFORMED, "signature file too large"));
                }
                return new SignatureFile(Files.readAllBytes(p7s), null);
            } catch (NoSuchFileException e) {
                return new SignatureFile(null, VerificationOutcome.failed(SubReason.MISSING_SIGNATURE,
                        "no signature file " + p7s.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Verifies an enveloping .p7m and streams its content to {@code extractedContentOut}. The extracted
     * file is deleted unless the outcome passed, so unverified content is never left for processing.
     */
    public VerificationOutcome verifyAttached(Path p7m, Path extractedContentOut, Instant receivedAt) {
        VerificationOutcome outcome;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p7m), BUFFER)) {
            outcome = extractAndVerify(in, extractedContentOut, receivedAt);
        } catch (NoSuchFileException e) {
            outcome = VerificationOutcome.failed(SubReason.MISSING_SIGNATURE, "no signed file " + p7m.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!outcome.isPassed()) {
            try {
                Files.deleteIfExists(extractedContentOut);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outcome;
    }

    /**
     * As {@link #verifyAttached(Path, Path, Instant)}, in memory: the content is written to {@code content}, which is
     * emptied unless the outcome passed (the opening of a sealed bid price, a few kilobytes).
     */
    public VerificationOutcome verifyAttached(byte[] p7m, java.io.ByteArrayOutputStream content, Instant receivedAt) {
        CMSSignedDataParser parser;
        CMSTypedStream signed;
        try {
            parser = new CMSSignedDataParser(digests, new java.io.ByteArrayInputStream(p7m));
            signed = parser.getSignedContent();
        } catch (CMSException | RuntimeException e) {
            return malformed(e);
        }
        if (signed == null) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "no encapsulated content (detached signature?)");
        }
        VerificationOutcome outcome;
        try {
            signed.getContentStream().transferTo(content);
            outcome = verifyParsed(parser, receivedAt);
        } catch (IOException | RuntimeException e) {
            outcome = malformed(e);
        }
        if (!outcome.isPassed()) {
            content.reset();
        }
        return outcome;
    }

    private VerificationOutcome extractAndVerify(InputStream in, Path out, Instant receivedAt) throws IOException {
        CMSSignedDataParser parser;
        CMSTypedStream signed;
        try {
            parser = new CMSSignedDataParser(digests, in);
            signed = parser.getSignedContent();
        } catch (CMSException | RuntimeException e) {
            return malformed(e);
        }
        if (signed == null) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "no encapsulated content (detached signature?)");
        }
        OutputStream opened;
        try {
            opened = Files.newOutputStream(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream target = new WriteFailureIsLocal(opened)) {
            signed.getContentStream().transferTo(target);
        } catch (IOException | RuntimeException e) {
            // Write failures were turned into UncheckedIOException and pass through; what remains is a broken input.
            if (e instanceof UncheckedIOException local) {
                throw local;
            }
            return malformed(e);
        }
        return verifyParsed(parser, receivedAt);
    }

    private VerificationOutcome verifyParsed(CMSSignedDataParser parser, Instant receivedAt) {
        return verifyParsed(parser::getCertificates, parser::getSignerInfos, receivedAt);
    }

    /** What the streaming parser and the parsed SignedData both offer, each call possibly refusing a bad encoding. */
    @FunctionalInterface
    private interface CmsPart<T> {
        T get() throws CMSException;
    }

    @SuppressWarnings("unchecked") // BouncyCastle returns a raw Store
    private VerificationOutcome verifyParsed(CmsPart<Store<X509CertificateHolder>> certificates,
                                             CmsPart<SignerInformationStore> signerInfos, Instant receivedAt) {
        Store<X509CertificateHolder> certs;
        Collection<SignerInformation> signers;
        try {
            certs = certificates.get();
            signers = signerInfos.get().getSigners();
        } catch (CMSException | RuntimeException e) {
            return malformed(e);
        }
        if (signers.isEmpty()) {
            return VerificationOutcome.failed(SubReason.MISSING_SIGNATURE, "SignedData without SignerInfo");
        }
        if (signers.size() > 1) {
            return VerificationOutcome.failed(SubReason.MULTIPLE_SIGNERS, signers.size() + " signers");
        }
        return verifySigner(signers.iterator().next(), certs, receivedAt);
    }

    private VerificationOutcome verifySigner(SignerInformation signer, Store<X509CertificateHolder> certs, Instant at) {
        String weak = firstNonNull(
                AlgorithmPolicy.checkCmsDigest(signer.getDigestAlgOID()),
                AlgorithmPolicy.checkCmsSignature(signer.getEncryptionAlgOID()));
        if (weak != null) {
            return VerificationOutcome.failed(SubReason.WEAK_ALGORITHM, weak);
        }
        Instant signingTime;
        try {
            signingTime = signingTime(signer);
        } catch (RuntimeException e) {
            return malformed(e);
        }
        if (signingTime == null) {
            return VerificationOutcome.failed(SubReason.MISSING_SIGNING_TIME, "no signing-time signed attribute");
        }
        ValidatedChain chain;
        try {
            chain = chainOf(signer, certs, at);
        } catch (CertificateException | IOException | RuntimeException e) {
            return malformed(e);
        }
        if (chain == null) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "signer certificate not included");
        }
        Check check = chain.keyStrength();
        if (check.ok()) {
            check = cryptographic(signer, chain);
        }
        if (check.ok()) {
            check = chain.check(at);
        }
        VerificationOutcome outcome = check.ok()
                ? VerificationOutcome.passed(chain.subject, chain.brn, signingTime)
                : check.toOutcome();
        return outcome.withSigner(chain.subject, chain.brn, signingTime);
    }

    @SuppressWarnings("unchecked") // SignerId is a raw Selector
    private ValidatedChain chainOf(SignerInformation signer, Store<X509CertificateHolder> certs, Instant at)
            throws CertificateException, IOException {
        Collection<X509CertificateHolder> matches = certs.getMatches(signer.getSID());
        if (matches.isEmpty()) {
            return null;
        }
        X509CertificateHolder signerCert = matches.iterator().next();
        List<byte[]> others = new ArrayList<>();
        for (X509CertificateHolder c : certs.getMatches(null)) {
            if (!c.equals(signerCert)) {
                others.add(c.getEncoded());
            }
        }
        return trust.chain(signerCert.getEncoded(), others, at);
    }

    private Check cryptographic(SignerInformation signer, ValidatedChain chain) {
        try {
            if (signer.verify(verifierFor(chain))) {
                return Check.OK;
            }
            return new Check(SubReason.SIGNATURE_INVALID, "signature value does not verify");
        } catch (CMSSignerDigestMismatchException e) {
            return new Check(SubReason.DIGEST_MISMATCH, "message-digest attribute differs from content digest");
        } catch (CMSException e) {
            // e.g. key type not matching the signature algorithm, or a content-type/algorithm-protection mismatch
            return new Check(SubReason.SIGNATURE_INVALID, "signature not verifiable: " + e.getClass().getSimpleName());
        }
    }

    private SignerInformationVerifier verifierFor(ValidatedChain chain) {
        return new SignerInformationVerifier(NAMES, ALGORITHMS, new SignatureVerifierProvider(chain.publicKey()), digests);
    }

    private static Instant signingTime(SignerInformation signer) {
        AttributeTable signed = signer.getSignedAttributes();
        Attribute attr = signed == null ? null : signed.get(CMSAttributes.signingTime);
        if (attr == null || attr.getAttrValues().size() != 1) {
            return null;
        }
        ASN1Encodable value = attr.getAttrValues().getObjectAt(0);
        return Time.getInstance(value).getDate().toInstant();
    }

    private static VerificationOutcome malformed(Exception e) {
        return VerificationOutcome.failed(SubReason.MALFORMED, "unreadable CMS: " + e.getClass().getSimpleName());
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** Marks write errors so they are not mistaken for a malformed input stream. */
    private static final class WriteFailureIsLocal extends java.io.FilterOutputStream {
        WriteFailureIsLocal(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
