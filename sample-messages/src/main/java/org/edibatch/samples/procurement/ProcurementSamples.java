package org.edibatch.samples.procurement;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generates procurement documents in the formats of edi-schemas/procurement/README.md: tender notices, the price
 * document a bidder signs and seals, and bids as XML or EDIFACT CONTEN carrying an already sealed price. This
 * module has no cryptography: the application's PriceSeal (or a bidder's own tool) signs and seals the price
 * document, and the sealed bytes are passed in here.
 */
public final class ProcurementSamples {

    private static final String NS = "urn:edibatch:procurement:1";

    private ProcurementSamples() {
    }

    /** @param seed null for a notice without a fixed seed (the loader then draws one) */
    public static byte[] tender(String id, String issueDate, String agency, String kind, long baseAmount, int rangePct,
                                String deadline, String opening, String seed) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CallForTenders xmlns=\"" + NS + "\">\n"
                + "  <ID>" + id + "</ID>\n  <IssueDate>" + issueDate + "</IssueDate>\n"
                + "  <ContractingPartyID>" + agency + "</ContractingPartyID>\n"
                + "  <Title>Sample works " + id + "</Title>\n  <ContractKind>" + kind + "</ContractKind>\n"
                + "  <BaseAmount currencyID=\"KRW\">" + baseAmount + "</BaseAmount>\n"
                + "  <PreliminaryPriceRangePercent>" + rangePct + "</PreliminaryPriceRangePercent>\n"
                + "  <BidDeadline>" + deadline + "</BidDeadline>\n  <OpeningTime>" + opening + "</OpeningTime>\n"
                + (seed == null ? "" : "  <DrawSeed>" + seed + "</DrawSeed>\n")
                + "</CallForTenders>\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] price(String tenderId, String bidderId, long amount) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BidPrice xmlns=\"" + NS + "\">"
                + "<ContractFolderID>" + tenderId + "</ContractFolderID><TendererPartyID>" + bidderId + "</TendererPartyID>"
                + "<Amount currencyID=\"KRW\">" + amount + "</Amount></BidPrice>\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bidXml(String bidRef, String issued, String tenderId, String bidderId, int pick1, int pick2,
                                byte[] sealed) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tender xmlns=\"" + NS + "\">\n"
                + "  <ID>" + bidRef + "</ID>\n  <IssueDateTime>" + issued + "</IssueDateTime>\n"
                + "  <ContractFolderID>" + tenderId + "</ContractFolderID>\n"
                + "  <TendererPartyID>" + bidderId + "</TendererPartyID>\n"
                + "  <PreliminaryPriceChoice>" + pick1 + "</PreliminaryPriceChoice>\n"
                + "  <PreliminaryPriceChoice>" + pick2 + "</PreliminaryPriceChoice>\n"
                + "  <SealedPrice mimeCode=\"application/pkcs7-mime\">" + Base64.getMimeEncoder().encodeToString(sealed)
                + "</SealedPrice>\n</Tender>\n").getBytes(StandardCharsets.UTF_8);
    }

    /** CONTEN D96B, one message; the seal as upper-case hex, four 512-character components per FTX segment. */
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
}
