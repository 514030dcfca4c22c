package org.edibatch.procurement;

import org.w3c.dom.Element;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A tender notice as the agency's back office delivers it; {@code drawSeed} is null unless the agency fixed it. */
public record TenderNotice(String tenderId, LocalDate issueDate, String agencyId, String title, String contractKind,
                           BigDecimal baseAmount, BigDecimal rangePct, Instant bidDeadline, Instant openingTime,
                           String drawSeed) {

    public static TenderNotice parse(byte[] xml) throws ProcurementFormatException {
        Element root = ProcurementXml.parse(xml, "tender.xsd", "CallForTenders", ProcurementCode.T01);
        TenderNotice t = new TenderNotice(
                ProcurementXml.text(root, "ID"),
                LocalDate.parse(ProcurementXml.text(root, "IssueDate")),
                ProcurementXml.text(root, "ContractingPartyID"),
                ProcurementXml.text(root, "Title"),
                ProcurementXml.text(root, "ContractKind"),
                new BigDecimal(ProcurementXml.text(root, "BaseAmount")),
                new BigDecimal(ProcurementXml.text(root, "PreliminaryPriceRangePercent")),
                instant(ProcurementXml.text(root, "BidDeadline")),
                instant(ProcurementXml.text(root, "OpeningTime")),
                ProcurementXml.text(root, "DrawSeed"));
        if (t.openingTime().isBefore(t.bidDeadline())) {
            throw new ProcurementFormatException(ProcurementCode.T03, "opening " + t.openingTime()
                    + " before deadline " + t.bidDeadline());
        }
        return t;
    }

    /** A time without offset would be read in whatever zone the server has: refused rather than guessed. */
    private static Instant instant(String text) throws ProcurementFormatException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            throw new ProcurementFormatException(ProcurementCode.T01, "time without offset: " + text);
        }
    }
}
