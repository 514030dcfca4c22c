package org.edibatch.samples.procurement;

import org.edibatch.schemas.ProcurementDocuments;

/**
 * Sample procurement documents in the formats of edi-schemas/procurement/README.md, written by the same
 * {@link ProcurementDocuments} the bidder's and agency's commands use. This module has no cryptography: the
 * application's PriceSeal seals the price document and the sealed bytes are passed in here; tender notices
 * are signed by the caller (the application's {@code TenderNotices.publish}), as intake refuses unsigned ones.
 */
public final class ProcurementSamples {

    private ProcurementSamples() {
    }

    /**
     * A notice without the agency's encryption certificate.
     *
     * @param seed null for a notice without a fixed seed (the loader then draws one)
     */
    public static byte[] tender(String id, String issueDate, String agency, String kind, long baseAmount, int rangePct,
                                String deadline, String opening, String seed) {
        return tender(id, issueDate, agency, kind, baseAmount, rangePct, deadline, opening, seed, null);
    }

    /** @param encryptionCertificate DER of the certificate bidders seal to, or null */
    public static byte[] tender(String id, String issueDate, String agency, String kind, long baseAmount, int rangePct,
                                String deadline, String opening, String seed, byte[] encryptionCertificate) {
        return ProcurementDocuments.tender(new ProcurementDocuments.Tender(id, issueDate, agency, "Sample works " + id,
                kind, baseAmount, rangePct, deadline, opening, encryptionCertificate, seed));
    }

    public static byte[] price(String tenderId, String bidderId, long amount) {
        return ProcurementDocuments.price(tenderId, bidderId, amount);
    }

    public static byte[] bidXml(String bidRef, String issued, String tenderId, String bidderId, int pick1, int pick2,
                                byte[] sealed) {
        return ProcurementDocuments.bidXml(bidRef, issued, tenderId, bidderId, pick1, pick2, sealed);
    }

    /** CONTEN D96B, one message, guide KONEPS-CONTEN-1: {@link ProcurementDocuments#bidEdifact}. */
    public static byte[] bidEdifact(String controlRef, String recipient, String bidRef, String stamp, String tenderId,
                                    String bidderId, int pick1, int pick2, byte[] sealed) {
        return ProcurementDocuments.bidEdifact(controlRef, recipient, bidRef, stamp, tenderId, bidderId, pick1, pick2,
                sealed);
    }
}
