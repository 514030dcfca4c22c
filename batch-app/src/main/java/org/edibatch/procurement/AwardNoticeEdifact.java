package org.edibatch.procurement;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.edifact.EdifactWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import static org.edibatch.edifact.EdifactWriter.c;

/**
 * The award notice to a bidder who bid in EDIFACT: an APERAK D96B (guide KONEPS-APERAK-AWARD-1, schema
 * edifact/APERAK-D96B-AWARD.xml) carrying the same public result as {@link AwardNoticeXml}. Every value written
 * is bounded: ids and references come from our records (receipt numbers, tender ids of tender.xsd, vendor ids
 * of the registry), the interchange reference from the recipient's bid id.
 */
public final class AwardNoticeEdifact {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final int COMPONENT = 70;

    private AwardNoticeEdifact() {
    }

    /** The UNB control reference: "AW" and the recipient's bid id, 12 characters (UNB 0020 is an..14). */
    public static String controlRef(long bidId) {
        return String.format("AW%010d", bidId);
    }

    public static void write(OutputStream out, AwardNoticeXml.Notice n, String recipient, long bidId, String ourId,
                             ZoneId zone) throws IOException {
        AwardNoticeXml.Line own = n.lineOf(recipient);
        var at = n.openedAt().atZone(zone);
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange(ourId, recipient, DateTimeFormatter.ofPattern("yyMMdd").format(at),
                DateTimeFormatter.ofPattern("HHmm").format(at), controlRef(bidId));
        w.startMessage("1", "APERAK", "D", "96B", "UN");
        w.segment("BGM", c(AperakBuilder.STATUS_INFORMATION), n.tenderId(), recipient.equals(n.winnerId()) ? "29" : "27");
        w.segment("DTM", c("137", STAMP.format(at), "203"));
        if (n.failCode() == null) {
            w.segment("FTX", "ZZZ", null, null, c("RESULT", n.result()));
        } else {
            w.segment("FTX", "ZZZ", null, null, c("RESULT", n.result(), n.failCode(), n.retenderId()));
        }
        w.segment("FTX", "ZZZ", null, null, c("RESERVE", plain(n.reservePrice()), plain(n.lowerLimitAmount()),
                plain(n.lowerLimitRate()), plain(n.passMark())));
        w.segment("FTX", "ZZZ", null, null, seed(n.drawSeed()));
        if (n.winnerId() != null) {
            w.segment("FTX", "ZZZ", null, null, c("WINNER", n.winnerId(), plain(n.awardAmount())));
        }
        w.segment("RFF", c("CT", n.tenderId()));
        if (own != null) {
            w.segment("RFF", c("AGO", own.receiptNo()));
            w.segment("RFF", c("ACW", own.bidRef()));
        }
        if (n.failCode() != null) {
            w.segment("ERC", c(n.failCode()));
            w.segment("FTX", "AAO", null, null, c(chunks(ProcurementCode.valueOf(n.failCode()).text())));
        }
        for (AwardNoticeXml.Band b : n.bands()) {
            w.segment("ERC", c("PP"));
            w.segment("FTX", "ZZZ", null, null, c(Integer.toString(b.band()), plain(b.price()),
                    Integer.toString(b.picks()), b.chosen() ? "Y" : "N"));
        }
        for (AwardNoticeXml.Line l : n.lines()) {
            String code = l.bidderId().equals(n.winnerId()) ? "AWD" : l.code() != null ? l.code() : "ELG";
            w.segment("ERC", c(code));
            w.segment("FTX", "ZZZ", null, null, c(l.bidderId(), l.receiptNo(), plain(l.price()),
                    l.rank() == null ? "" : l.rank().toString(), plain(l.score())));
        }
        w.endMessage();
        w.endInterchange();
        w.close();
    }

    /** Seeds the loader draws are 32 hex characters; a longer one chosen by an agency is cut into components, and
     * one longer than four components is given by its SHA-256 (the XML notice carries it whole). */
    private static EdifactWriter.Composite seed(String seed) {
        if (seed.length() > 4 * COMPONENT) {
            try {
                return c("SEED-SHA256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(seed.getBytes(StandardCharsets.UTF_8))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        String[] chunks = chunks(seed);
        String[] parts = new String[1 + chunks.length];
        parts[0] = "SEED";
        System.arraycopy(chunks, 0, parts, 1, chunks.length);
        return c(parts);
    }

    /**
     * A text cut into components of 70 characters (4440 is an..70), at most 5: the FTX text of every EDIFACT answer
     * to bidders (award notices, receipts).
     */
    public static String[] chunks(String text) {
        int n = Math.min(5, Math.max(1, (text.length() + COMPONENT - 1) / COMPONENT));
        String[] parts = new String[n];
        for (int i = 0; i < n; i++) {
            parts[i] = text.substring(Math.min(text.length(), i * COMPONENT), Math.min(text.length(), (i + 1) * COMPONENT));
        }
        return parts;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
