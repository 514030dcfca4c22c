package org.edibatch.procurement;

import org.w3c.dom.Element;

import java.util.Base64;
import java.util.List;

/**
 * What intake reads from a bid without opening it: who bids for which tender, the two preliminary-price
 * numbers and the sealed price as opaque bytes.
 *
 * @param controlRef the UNB control reference of an EDIFACT bid, null for XML
 */
public record BidDocument(String format, String bidRef, String tenderId, String bidderId, int pick1, int pick2,
                          byte[] sealedPrice, String controlRef) {

    public boolean picksValid() {
        return pick1 >= 1 && pick1 <= 15 && pick2 >= 1 && pick2 <= 15 && pick1 != pick2;
    }

    /** An XML Tender or an EDIFACT CONTEN, told apart by the first character that is not blank or a BOM. */
    public static BidDocument parse(byte[] bytes) throws ProcurementFormatException {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b) && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
                return b == '<' ? parseXml(bytes) : BidEdifact.parse(bytes);
            }
        }
        return BidEdifact.parse(bytes);
    }

    public static BidDocument parseXml(byte[] xml) throws ProcurementFormatException {
        Element root = ProcurementXml.parse(xml, "bid.xsd", "Tender", ProcurementCode.B01);
        List<String> picks = ProcurementXml.texts(root, "PreliminaryPriceChoice");
        byte[] sealed;
        try {
            sealed = Base64.getMimeDecoder().decode(ProcurementXml.text(root, "SealedPrice"));
        } catch (IllegalArgumentException e) {
            throw new ProcurementFormatException(ProcurementCode.B01, "SealedPrice is not base64");
        }
        return new BidDocument("XML", ProcurementXml.text(root, "ID"), ProcurementXml.text(root, "ContractFolderID"),
                ProcurementXml.text(root, "TendererPartyID"), Integer.parseInt(picks.get(0)),
                Integer.parseInt(picks.get(1)), sealed, null);
    }
}
