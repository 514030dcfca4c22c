package org.edibatch.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes the procurement documents of {@code procurement/README.md}: tender notices, the price document a bidder
 * signs and seals, and bids as XML or EDIFACT CONTEN carrying an already sealed price. One writer for the
 * bidder's and agency's commands and the sample generator, so what the tests feed the intake is what users send.
 * No cryptography here: the caller passes the sealed bytes and the certificate's DER.
 */
public final class ProcurementDocuments {

    private static final String NS = "urn:edibatch:procurement:1";

    private ProcurementDocuments() {
    }

    /** The terms of a tender notice; {@code drawSeed} and {@code encryptionCertificate} (DER) may be null. */
    public record Tender(String id, String issueDate, String agency, String title, String kind, long baseAmount,
                         int rangePct, String deadline, String opening, byte[] encryptionCertificate, String drawSeed) {
    }

    public static byte[] tender(Tender t) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CallForTenders xmlns=\"" + NS + "\">\n"
                + "  <ID>" + escape(t.id()) + "</ID>\n  <IssueDate>" + escape(t.issueDate()) + "</IssueDate>\n"
                + "  <ContractingPartyID>" + escape(t.agency()) + "</ContractingPartyID>\n"
                + "  <Title>" + escape(t.title()) + "</Title>\n  <ContractKind>" + escape(t.kind()) + "</ContractKind>\n"
                + "  <BaseAmount currencyID=\"KRW\">" + t.baseAmount() + "</BaseAmount>\n"
                + "  <PreliminaryPriceRangePercent>" + t.rangePct() + "</PreliminaryPriceRangePercent>\n"
                + "  <BidDeadline>" + escape(t.deadline()) + "</BidDeadline>\n"
                + "  <OpeningTime>" + escape(t.opening()) + "</OpeningTime>\n"
                + (t.encryptionCertificate() == null ? "" : "  <EncryptionCertificate>"
                + Base64.getEncoder().encodeToString(t.encryptionCertificate()) + "</EncryptionCertificate>\n")
                + (t.drawSeed() == null ? "" : "  <DrawSeed>" + escape(t.drawSeed()) + "</DrawSeed>\n")
                + "</CallForTenders>\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] price(String tenderId, String bidderId, long amount) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BidPrice xmlns=\"" + NS + "\">"
                + "<ContractFolderID>" + escape(tenderId) + "</ContractFolderID><TendererPartyID>" + escape(bidderId)
                + "</TendererPartyID><Amount currencyID=\"KRW\">" + amount + "</Amount></BidPrice>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bidXml(String bidRef, String issued, String tenderId, String bidderId, int pick1, int pick2,
                                byte[] sealed) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tender xmlns=\"" + NS + "\">\n"
                + "  <ID>" + escape(bidRef) + "</ID>\n  <IssueDateTime>" + escape(issued) + "</IssueDateTime>\n"
                + "  <ContractFolderID>" + escape(tenderId) + "</ContractFolderID>\n"
                + "  <TendererPartyID>" + escape(bidderId) + "</TendererPartyID>\n"
                + "  <PreliminaryPriceChoice>" + pick1 + "</PreliminaryPriceChoice>\n"
                + "  <PreliminaryPriceChoice>" + pick2 + "</PreliminaryPriceChoice>\n"
                + "  <SealedPrice mimeCode=\"application/pkcs7-mime\">" + Base64.getMimeEncoder().encodeToString(sealed)
                + "</SealedPrice>\n</Tender>\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * CONTEN D96B, one message; the seal as upper-case hex, four 512-character components per FTX segment.
     *
     * @param stamp yyyyMMddHHmm
     */
    public static byte[] bidEdifact(String controlRef, String recipient, String bidRef, String stamp, String tenderId,
                                    String bidderId, int pick1, int pick2, byte[] sealed) {
        StringBuilder m = new StringBuilder();
        int segments = 0;
        m.append("UNH+1+CONTEN:D:96B:UN'");
        m.append("BGM+ZZZ+").append(bidRef).append("+9'");
        m.append("DTM+137:").append(stamp).append(":203'");
        m.append("RFF+CT:").append(tenderId).append("'");
        m.append("NAD+SU+").append(bidderId).append("::ZZZ'");
        m.append("FTX+ZZZ+++PICKS:").append(pick1).append(':').append(pick2).append("'");
        segments += 7;
        String hex = HexFormat.of().withUpperCase().formatHex(sealed);
        for (int i = 0; i < hex.length(); i += 2048) {
            String chunk = hex.substring(i, Math.min(hex.length(), i + 2048));
            StringBuilder seg = new StringBuilder("FTX+ZZZ+++SEAL");
            for (int c = 0; c < chunk.length(); c += 512) {
                seg.append(':').append(chunk, c, Math.min(chunk.length(), c + 512));
            }
            m.append(seg).append("'");
            segments++;
        }
        m.append("UNT+").append(segments).append("+1'");
        String text = "UNB+UNOC:3+" + bidderId + "+" + recipient + "+" + stamp.substring(2, 8) + ":" + stamp.substring(8)
                + "+" + controlRef + "'" + m + "UNZ+1+" + controlRef + "'";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
