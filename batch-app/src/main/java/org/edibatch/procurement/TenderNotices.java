package org.edibatch.procurement;

import org.edibatch.schemas.ProcurementDocuments;
import org.edibatch.signature.Credential;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Signed tender notices: what the agency's {@code tender publish} writes (the notice with the certificate bidders
 * seal to, and a detached NAME.p7s by the agency's signing key) and the rule by which loading judges the signature.
 */
public final class TenderNotices {

    /** Sub-reasons that say the certificate itself is out of its life, not that the signature is wrong. */
    private static final Set<SubReason> CERTIFICATE_LIFE = Set.of(SubReason.REVOKED, SubReason.EXPIRED,
            SubReason.NOT_YET_VALID);

    private TenderNotices() {
    }

    /** Why loading refuses a notice, or null when its signature binds it to its agency. */
    public record Refusal(ProcurementCode code, String detail) {
    }

    /**
     * @param outcome   the detached signature's outcome, null when the notice came without one
     * @param agencyBrn the registration number of the notice's agency, null when the agency is not registered
     */
    public static Refusal judge(VerificationOutcome outcome, String agencyId, String agencyBrn) {
        if (outcome == null || outcome.subReason() == SubReason.MISSING_SIGNATURE) {
            return new Refusal(ProcurementCode.T30, null);
        }
        if (!outcome.isPassed()) {
            ProcurementCode code = CERTIFICATE_LIFE.contains(outcome.subReason()) ? ProcurementCode.T33 : ProcurementCode.T31;
            return new Refusal(code, outcome.subReason().name()
                    + (outcome.detail() == null || outcome.detail().isBlank() ? "" : ": " + outcome.detail()));
        }
        if (agencyBrn == null) {
            return new Refusal(ProcurementCode.T40, agencyId);
        }
        VerificationOutcome bound = SignerBinding.check(outcome, agencyBrn);
        if (!bound.isPassed()) {
            return new Refusal(ProcurementCode.T32, bound.detail());
        }
        return null;
    }

    /** The certificate a notice asks bidders to seal to, if it names one. */
    public static Optional<X509Certificate> encryptionCertificate(byte[] notice) throws ProcurementFormatException {
        Element root = ProcurementXml.parse(notice, "tender.xsd", "CallForTenders", ProcurementCode.T01);
        String der = ProcurementXml.text(root, "EncryptionCertificate");
        if (der == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(certificate(Base64.getMimeDecoder().decode(der)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new ProcurementFormatException(ProcurementCode.T01, "EncryptionCertificate unreadable: " + e.getMessage());
        }
    }

    /** A certificate from DER or PEM bytes. */
    public static X509Certificate certificate(byte[] derOrPem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(derOrPem));
    }

    /**
     * The notice as it is published: an existing notice keeps its bytes when it already names {@code encryption};
     * otherwise it is written again with that certificate, its terms (and draw seed, if any) unchanged.
     */
    public static byte[] withEncryptionCertificate(byte[] notice, X509Certificate encryption)
            throws ProcurementFormatException, GeneralSecurityException {
        Optional<X509Certificate> named = encryptionCertificate(notice);
        if (named.isPresent() && named.get().equals(encryption)) {
            return notice;
        }
        TenderNotice.parse(notice); // T01/T03 before anything is written
        Element r = ProcurementXml.parse(notice, "tender.xsd", "CallForTenders", ProcurementCode.T01);
        return ProcurementDocuments.tender(new ProcurementDocuments.Tender(ProcurementXml.text(r, "ID"),
                ProcurementXml.text(r, "IssueDate"), ProcurementXml.text(r, "ContractingPartyID"),
                ProcurementXml.text(r, "Title"), ProcurementXml.text(r, "ContractKind"),
                Long.parseLong(ProcurementXml.text(r, "BaseAmount")),
                Integer.parseInt(ProcurementXml.text(r, "PreliminaryPriceRangePercent")),
                ProcurementXml.text(r, "BidDeadline"), ProcurementXml.text(r, "OpeningTime"), encryption.getEncoded(),
                ProcurementXml.text(r, "DrawSeed")));
    }

    /** Writes {@code notice} as {@code folder/name} with its detached signature {@code name.p7s} by {@code agency}. */
    public static Path publish(byte[] notice, Credential agency, Path folder, String name)
            throws IOException, GeneralSecurityException {
        return SignedDelivery.write(notice, agency, folder, name);
    }
}
