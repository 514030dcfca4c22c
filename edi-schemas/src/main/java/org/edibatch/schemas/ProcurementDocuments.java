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

    /** Hex characters of the seal per FTX component (D96B 4440 is an..70). */
    public static final int SEAL_COMPONENT = 70;
    /** SEAL components per FTX: C108 has five 4440s, the first is the label. */
    public static final int SEAL_COMPONENTS_PER_FTX = 4;
    /** FTX segments per group 10 repetition (D96B CONTEN: 10) and repetitions of the group (100). */
    public static final int FTX_PER_GROUP = 10;
    public static final int GROUPS = 100;
    /** The largest seal a CONTEN of guide KONEPS-CONTEN-1 carries, in bytes: 999 SEAL segments of 280 hex. */
    public static final int MAX_SEAL_BYTES = (GROUPS * FTX_PER_GROUP - 1) * SEAL_COMPONENT * SEAL_COMPONENTS_PER_FTX / 2;

    /**
     * CONTEN D96B, one message, guide KONEPS-CONTEN-1 (procurement/README.md, edifact/CONTEN-D96B-KONEPS.xml): the
     * tendered amount's group 10 carries the picks and the seal as upper-case hex, 4 x 70 characters per FTX, ten
     * FTX per group and as many groups as the seal needs.
     *
     * @param stamp yyyyMMddHHmm
     * @throws IllegalArgumentException when the seal is longer than {@link #MAX_SEAL_BYTES}
     */
    public static byte[] bidEdifact(String controlRef, String recipient, String bidRef, String stamp, String tenderId,
                                    String bidderId, int pick1, int pick2, byte[] sealed) {
        if (sealed.length > MAX_SEAL_BYTES) {
            throw new IllegalArgumentException("a seal of " + sealed.length + " bytes does not fit a CONTEN (at most "
                    + MAX_SEAL_BYTES + ")");
        }
        StringBuilder m = new StringBuilder();
        int segments = 0;
        m.append("UNH+1+CONTEN:D:96B:UN'");
        m.append("BGM+209+").append(edi(bidRef)).append("+9'");
        m.append("RFF+CT:").append(edi(tenderId)).append("'");
        m.append("DTM+137:").append(stamp).append(":203'");
        m.append("BII+1+1'RCS+1'GIS+37'");
        m.append("ARD+3'MOA+86'");
        m.append("FTX+ZZZ+++PICKS:").append(pick1).append(':').append(pick2).append("'");
        segments += 10;
        String hex = HexFormat.of().withUpperCase().formatHex(sealed);
        int ftxInGroup = 1;
        int perFtx = SEAL_COMPONENT * SEAL_COMPONENTS_PER_FTX;
        for (int i = 0; i < hex.length(); i += perFtx) {
            if (ftxInGroup == FTX_PER_GROUP) {
                // the group is full: the next repetition of group 10 goes on with the seal
                m.append("ARD+3'MOA+86'");
                segments += 2;
                ftxInGroup = 0;
            }
            String chunk = hex.substring(i, Math.min(hex.length(), i + perFtx));
            m.append("FTX+ZZZ+++SEAL");
            for (int c = 0; c < chunk.length(); c += SEAL_COMPONENT) {
                m.append(':').append(chunk, c, Math.min(chunk.length(), c + SEAL_COMPONENT));
            }
            m.append("'");
            segments++;
            ftxInGroup++;
        }
        m.append("NAD+SU+").append(edi(bidderId)).append("::ZZZ'");
        m.append("UNS+D'BII+1+1'RCS+1'GIS+37'QTY+1:1'");
        segments += 7;
        m.append("UNT+").append(segments).append("+1'");
        String text = "UNB+UNOC:3+" + edi(bidderId) + "+" + edi(recipient) + "+" + stamp.substring(2, 8) + ":"
                + stamp.substring(8) + "+" + edi(controlRef) + "'" + m + "UNZ+1+" + edi(controlRef) + "'";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A value with the release character before each service character (UNOC, default separators). */
    private static String edi(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '?' || c == '+' || c == ':' || c == '\'') {
                b.append('?');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
