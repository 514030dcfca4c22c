package org.edibatch.signature;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.edibatch.signature.internal.BcProvider;

/** Produces CMS SignedData: detached (.p7s) or enveloping (.p7m). Content is streamed, never held whole. */
public final class CmsSigner {

    private final CmsSignOptions options;

    public CmsSigner() {
        this(CmsSignOptions.DEFAULT);
    }

    public CmsSigner(CmsSignOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Detached signatures are small and written DER (definite lengths), which verifiers parse fastest;
     * the content is still streamed through the digest. Enveloping ones are streamed out as BER.
     */
    public void sign(Path content, Path out, Credential signer, boolean detached) throws IOException, GeneralSecurityException {
        List<SignerInfoGenerator> signerInfos = new ArrayList<>();
        Set<X509Certificate> certs = new LinkedHashSet<>(sentCertificates(signer));
        try {
            signerInfos.add(signerInfo(signer));
            if (options.extraSigner() != null) {
                signerInfos.add(signerInfo(options.extraSigner()));
                certs.addAll(sentCertificates(options.extraSigner()));
            }
            if (detached) {
                CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
                signerInfos.forEach(generator::addSignerInfoGenerator);
                generator.addCertificates(new JcaCertStore(certs));
                CMSSignedData signed = generator.generate(new CMSProcessableFile(content.toFile()), false);
                Files.write(out, signed.getEncoded(ASN1Encoding.DER));
                return;
            }
            CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
            signerInfos.forEach(generator::addSignerInfoGenerator);
            generator.addCertificates(new JcaCertStore(certs));
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
                 OutputStream signedOut = generator.open(file, true);
                 InputStream in = new BufferedInputStream(Files.newInputStream(content))) {
                in.transferTo(signedOut);
            }
        } catch (OperatorCreationException | CMSException e) {
            throw new GeneralSecurityException("CMS signing failed", e);
        }
    }

    /** Roots are left out: the receiver trusts its own copy, and sending it invites confusion. */
    private static List<X509Certificate> sentCertificates(Credential c) {
        return c.chain().stream()
                .filter(cert -> !cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
                .toList();
    }

    private SignerInfoGenerator signerInfo(Credential signer) throws OperatorCreationException, GeneralSecurityException {
        String keyAlg = signer.privateKey().getAlgorithm();
        boolean ec = BcProvider.isEc(keyAlg);
        JcaContentSignerBuilder csb = new JcaContentSignerBuilder(options.digest() + "with" + (ec ? "ECDSA" : "RSA"));
        if (ec) {
            csb.setProvider(BcProvider.INSTANCE);
        }
        ContentSigner contentSigner = csb.build(signer.privateKey());
        try {
            return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signedAttributes())
                    .build(contentSigner, signer.certificate());
        } catch (CertificateEncodingException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private CMSAttributeTableGenerator signedAttributes() {
        AttributeTable initial = options.signingTime() == null
                ? new AttributeTable(new ASN1EncodableVector())
                : new AttributeTable(new Attribute(CMSAttributes.signingTime,
                        new DERSet(new Time(Date.from(options.signingTime())))));
        DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(initial);
        return params -> {
            AttributeTable table = defaults.getAttributes(params);
            return options.includeSigningTime() ? table : table.remove(CMSAttributes.signingTime);
        };
    }
}
