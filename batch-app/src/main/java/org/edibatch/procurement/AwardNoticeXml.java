package org.edibatch.procurement;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * AwardedNotification (modelled on UBL 2.x): the same public result for every bidder (seed, the 15 prices with
 * their pick counts, reserve price, lower limit, ranking, each screened candidate's qualification score, the
 * winner, or the failure with its reason and the re-tender's id) plus which line is the recipient's own.
 */
public final class AwardNoticeXml {

    public record Band(int band, BigDecimal price, int picks, boolean chosen) {
    }

    /**
     * @param price  null when the seal did not open; rank null unless eligible
     * @param review PASSED or FAILED for a screened candidate (with its points), null otherwise
     * @param format XML or EDIFACT, how the bidder bid (and so how it is told)
     */
    public record Line(String bidderId, String receiptNo, String outcome, String code, BigDecimal price, Integer rank,
                       String review, BigDecimal nonPricePoints, BigDecimal pricePoints, BigDecimal score,
                       String format, String bidRef) {
    }

    /** @param failCode F10-F12 when result is FAILED, with the id of the re-tender */
    public record Notice(String tenderId, String agencyId, Instant openedAt, String drawSeed, BigDecimal lowerLimitRate,
                         List<Band> bands, BigDecimal reservePrice, BigDecimal lowerLimitAmount, String result,
                         String winnerId, BigDecimal awardAmount, String failCode, BigDecimal passMark,
                         String retenderId, List<Line> lines) {

        /** The recipient's own line. */
        public Line lineOf(String bidderId) {
            return lines.stream().filter(l -> l.bidderId().equals(bidderId)).findFirst().orElse(null);
        }
    }

    private AwardNoticeXml() {
    }

    public static void write(OutputStream out, Notice n, String recipient) throws IOException {
        try (XmlOut x = new XmlOut(out, "AwardedNotification")) {
            x.el("ContractFolderID", n.tenderId());
            x.el("ContractingPartyID", n.agencyId());
            x.el("RecipientPartyID", recipient);
            x.el("OpeningDateTime", n.openedAt());
            x.el("DrawSeed", n.drawSeed());
            x.el("LowerLimitRatePercent", n.lowerLimitRate().toPlainString());
            for (Band b : n.bands()) {
                x.el("PreliminaryPrice", b.price().toPlainString(), "band", Integer.toString(b.band()),
                        "picks", Integer.toString(b.picks()), "chosen", Boolean.toString(b.chosen()));
            }
            x.el("ReservePrice", n.reservePrice().toPlainString(), "currencyID", "KRW");
            x.el("LowerLimitAmount", n.lowerLimitAmount().toPlainString(), "currencyID", "KRW");
            x.el("QualificationPassMark", n.passMark() == null ? null : n.passMark().toPlainString());
            x.el("Result", n.result());
            if (n.failCode() != null) {
                x.el("FailureReason", ProcurementCode.valueOf(n.failCode()).text(), "code", n.failCode());
                x.el("RetenderID", n.retenderId());
            }
            if (n.winnerId() != null) {
                x.start("Winner").el("TendererPartyID", n.winnerId())
                        .el("Amount", n.awardAmount().toPlainString(), "currencyID", "KRW").end();
            }
            for (Line l : n.lines()) {
                x.el("TenderResult", l.outcome(), "tenderer", l.bidderId(), "receipt", l.receiptNo(),
                        "amount", l.price() == null ? null : l.price().toPlainString(),
                        "rank", l.rank() == null ? null : l.rank().toString(), "code", l.code(),
                        "review", l.review(),
                        "nonPricePoints", l.nonPricePoints() == null ? null : l.nonPricePoints().toPlainString(),
                        "pricePoints", l.pricePoints() == null ? null : l.pricePoints().toPlainString(),
                        "score", l.score() == null ? null : l.score().toPlainString(),
                        "yours", Boolean.toString(l.bidderId().equals(recipient)));
            }
        }
    }
}
