package org.edibatch.signature;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.TransformerException;

import org.edibatch.signature.internal.BcProvider;
import org.edibatch.signature.internal.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Enveloped XML-DSig over the whole document (Reference URI=""), RSA-SHA256 (ECDSA-SHA256 for EC keys),
 * with the signer certificate and intermediates in KeyInfo/X509Data.
 */
public final class XmlSigner {

    public void sign(Path xmlIn, Path xmlOut, Credential signer) throws IOException, GeneralSecurityException {
        Document doc;
        try {
            doc = SecureXml.newDocumentBuilder().parse(xmlIn.toFile());
        } catch (SAXException e) {
            throw new IOException("not well-formed XML: " + xmlIn.getFileName(), e);
        }
        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        Reference ref = fac.newReference("", fac.newDigestMethod(DigestMethod.SHA256, null),
                List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                null, null);
        String method = BcProvider.isEc(signer.privateKey().getAlgorithm()) ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256;
        SignedInfo signedInfo = fac.newSignedInfo(
                fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                fac.newSignatureMethod(method, null), List.of(ref));
        KeyInfoFactory kif = fac.getKeyInfoFactory();
        List<X509Certificate> sent = signer.chain().stream()
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .toList();
        KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(sent)));
        try {
            fac.newXMLSignature(signedInfo, keyInfo).sign(new DOMSignContext(signer.privateKey(), doc.getDocumentElement()));
        } catch (MarshalException | XMLSignatureException e) {
            throw new GeneralSecurityException("XML signing failed", e);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(xmlOut))) {
            SecureXml.write(doc, out);
        } catch (TransformerException e) {
            throw new IOException("cannot write signed XML", e);
        }
    }
}
