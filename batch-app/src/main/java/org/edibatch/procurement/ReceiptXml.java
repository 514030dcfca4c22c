package org.edibatch.procurement;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/** TenderReceipt (modelled on UBL 2.x TenderReceipt): receipt number and SHA-256 of the bid file, or the refusal. */
public final class ReceiptXml {

    /**
     * @param receiptNo null when the bid was refused
     * @param fileSha256 hex SHA-256 of the bid file exactly as received (the signature file not included)
     */
    public record Receipt(String receiptNo, String tenderId, String bidderId, String bidRef, Instant receivedAt,
                          String fileSha256, ProcurementCode refusal) {
    }

    private ReceiptXml() {
    }

    public static void write(OutputStream out, Receipt r) throws IOException {
        try (XmlOut x = new XmlOut(out, "TenderReceipt")) {
            x.el("ID", r.receiptNo());
            x.el("ContractFolderID", r.tenderId());
            x.el("TendererPartyID", r.bidderId());
            x.el("TenderReference", r.bidRef());
            x.el("ReceivedDateTime", r.receivedAt());
            x.el("DocumentHash", r.fileSha256(), "algorithm", "SHA-256");
            x.el("Status", r.refusal() == null ? "ACCEPTED" : "REJECTED");
            if (r.refusal() != null) {
                x.el("Reason", r.refusal().text(), "code", r.refusal().name());
            }
        }
    }
}
