package org.edibatch.procurement;

import org.w3c.dom.Element;

import java.math.BigDecimal;

/** The bid price as the bidder signed it, available only once the seal is opened. */
public record PriceDocument(String tenderId, String bidderId, BigDecimal amount) {

    public static PriceDocument parse(byte[] xml) throws ProcurementFormatException {
        Element root = ProcurementXml.parse(xml, "bid-price.xsd", "BidPrice", ProcurementCode.O12);
        return new PriceDocument(ProcurementXml.text(root, "ContractFolderID"), ProcurementXml.text(root, "TendererPartyID"),
                new BigDecimal(ProcurementXml.text(root, "Amount")));
    }
}
