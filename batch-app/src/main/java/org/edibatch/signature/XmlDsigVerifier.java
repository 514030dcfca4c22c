package org.edibatch.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilder;

import org.edibatch.signature.ValidatedChain.Check;
import org.edibatch.signature.internal.AlgorithmPolicy;
import org.edibatch.signature.internal.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Verifies an enveloped XML-DSig signature covering the whole document. Thread-safe: share one instance.
 * XML-DSig has no signing-time, so passed outcomes carry a null signingTime.
 */
public final class XmlDsigVerifier {

    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(
            Transform.ENVELOPED,
            CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS,
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS);

    private final TrustStore trust;
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(SecureXml::newDocumentBuilder);

    public XmlDsigVerifier(TrustStore trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    public VerificationOutcome verify(Path xml, Instant receivedAt) {
        Document doc;
        try {
            DocumentBuilder builder = builders.get();
            builder.reset();
            doc = builder.parse(xml.toFile());
        } catch (SAXException e) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "not well-formed XML");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeList signatures = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            return VerificationOutcome.failed(SubReason.MISSING_SIGNATURE, "no ds:Signature element");
        }
        if (signatures.getLength() > 1) {
            return VerificationOutcome.failed(SubReason.MULTIPLE_SIGNERS, signatures.getLength() + " ds:Signature elements");
        }
        return verifySignature((Element) signatures.item(0), receivedAt);
    }

    private VerificationOutcome verifySignature(Element element, Instant at) {
        ChosenKey key = new ChosenKey();
        DOMValidateContext ctx = new DOMValidateContext(key, element);
        // Limits transforms/references and forbids dangerous constructs; our own policy is stricter still.
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        XMLSignature signature;
        try {
            signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
        } catch (MarshalException | RuntimeException e) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "unreadable ds:Signature: " + e.getClass().getSimpleName());
        }
        VerificationOutcome policy = checkPolicy(signature);
        if (policy != null) {
            return policy;
        }
        List<X509Certificate> certs = certificates(signature.getKeyInfo());
        X509Certificate signer = leaf(certs);
        if (signer == null) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "no signer certificate in KeyInfo/X509Data");
        }
        ValidatedChain chain;
        try {
            chain = trust.chain(signer.getEncoded(), encodedOthers(certs, signer), at);
        } catch (CertificateException e) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "unreadable certificate: " + e.getClass().getSimpleName());
        }
        Check check = chain.keyStrength();
        if (check.ok()) {
            key.key = chain.publicKey();
            check = cryptographic(signature, ctx);
        }
        if (check.ok()) {
            check = chain.check(at);
        }
        VerificationOutcome outcome = check.ok() ? VerificationOutcome.passed(chain.subject, chain.brn, null) : check.toOutcome();
        return outcome.withSigner(chain.subject, chain.brn, null);
    }

    /**
     * Only a single same-document reference to the whole document is accepted: anything narrower lets a
     * sender sign one part and smuggle unsigned content in another (signature wrapping).
     */
    private static VerificationOutcome checkPolicy(XMLSignature signature) {
        String weak = AlgorithmPolicy.checkXmlSignature(signature.getSignedInfo().getSignatureMethod().getAlgorithm());
        if (weak != null) {
            return VerificationOutcome.failed(SubReason.WEAK_ALGORITHM, weak);
        }
        List<?> refs = signature.getSignedInfo().getReferences();
        if (refs.size() != 1 || !"".equals(((Reference) refs.get(0)).getURI())) {
            return VerificationOutcome.failed(SubReason.MALFORMED, "signature must have one Reference with URI=\"\"");
        }
        Reference ref = (Reference) refs.get(0);
        weak = AlgorithmPolicy.checkXmlDigest(ref.getDigestMethod().getAlgorithm());
        if (weak != null) {
            return VerificationOutcome.failed(SubReason.WEAK_ALGORITHM, weak);
        }
        boolean enveloped = false;
        for (Object o : ref.getTransforms()) {
            String alg = ((Transform) o).getAlgorithm();
            if (!ALLOWED_TRANSFORMS.contains(alg)) {
                return VerificationOutcome.failed(SubReason.MALFORMED, "transform " + alg + " not accepted");
            }
            enveloped |= Transform.ENVELOPED.equals(alg);
        }
        return enveloped ? null : VerificationOutcome.failed(SubReason.MALFORMED, "not an enveloped signature");
    }

    private static Check cryptographic(XMLSignature signature, DOMValidateContext ctx) {
        try {
            if (signature.validate(ctx)) {
                return Check.OK;
            }
            // SignedInfo intact but the reference digest differs: the document changed after signing.
            if (signature.getSignatureValue().validate(ctx)) {
                return new Check(SubReason.DIGEST_MISMATCH, "document digest differs from the signed digest");
            }
            return new Check(SubReason.SIGNATURE_INVALID, "SignatureValue does not verify");
        } catch (XMLSignatureException e) {
            return new Check(SubReason.SIGNATURE_INVALID, "signature not verifiable: " + e.getClass().getSimpleName());
        }
    }

    private static List<X509Certificate> certificates(KeyInfo keyInfo) {
        List<X509Certificate> certs = new ArrayList<>();
        if (keyInfo == null) {
            return certs;
        }
        for (Object item : keyInfo.getContent()) {
            if (item instanceof X509Data data) {
                for (Object o : data.getContent()) {
                    if (o instanceof X509Certificate c) {
                        certs.add(c);
                    }
                }
            }
        }
        return certs;
    }

    /** The certificate that issued none of the others; X509Data does not say which one signed. */
    private static X509Certificate leaf(List<X509Certificate> certs) {
        for (X509Certificate candidate : certs) {
            boolean issuesAnother = certs.stream().anyMatch(c -> c != candidate
                    && c.getIssuerX500Principal().equals(candidate.getSubjectX500Principal()));
            if (!issuesAnother) {
                return candidate;
            }
        }
        return null;
    }

    private static List<byte[]> encodedOthers(List<X509Certificate> certs, X509Certificate signer) throws CertificateEncodingException {
        List<byte[]> out = new ArrayList<>();
        for (X509Certificate c : certs) {
            if (c != signer) {
                out.add(c.getEncoded());
            }
        }
        return out;
    }

    /** The key is decided after unmarshalling, once the certificate chain has been checked. */
    private static final class ChosenKey extends KeySelector {
        private Key key;

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context) {
            Key chosen = key;
            return () -> chosen;
        }
    }
}
