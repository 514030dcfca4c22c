package org.edibatch.procurement;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.ContrlBuilder;
import org.edibatch.edifact.EdifactWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.edibatch.edifact.EdifactWriter.c;

/**
 * The receipt of an EDIFACT bid, an APERAK D96B: BGM 1001 = 23 (status information), 1004 = receipt number (or the
 * bid reference when refused), 1225 = 29 accepted / 27 not accepted; FTX+ZZZ the SHA-256 of the file; RFF+CT tender,
 * RFF+ACW bid reference; ERC + FTX+AAO the refusal code and text.
 */
public final class BidReceiptEdifact {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private BidReceiptEdifact() {
    }

    public static void write(OutputStream out, BidRepository.Answerable r, String ourEdiId, ZoneId zone)
            throws IOException {
        EdifactWriter w = new EdifactWriter(out);
        var at = r.receivedAt().atZone(zone);
        String ref = "RC" + r.fileId();
        // the bidder's values within their syntax limits (UNB ids and RFF references an..35): a longer one was
        // refused at intake and is still answered
        w.startInterchange(ourEdiId, ContrlBuilder.fit(r.bidderId(), 35),
                DateTimeFormatter.ofPattern("yyMMdd").format(at),
                DateTimeFormatter.ofPattern("HHmm").format(at), ref);
        w.startMessage("1", "APERAK", "D", "96B", "UN");
        boolean accepted = r.reasonCode() == null;
        w.segment("BGM", c(AperakBuilder.STATUS_INFORMATION), accepted ? r.receiptNo() : ContrlBuilder.fit(r.bidRef(), 35),
                accepted ? "29" : "27");
        w.segment("DTM", c("137", STAMP.format(at), "203"));
        w.segment("FTX", "ZZZ", null, null, c("SHA-256", r.sha()));
        w.segment("RFF", c("CT", ContrlBuilder.fit(r.tenderId(), 35)));
        w.segment("RFF", c("ACW", ContrlBuilder.fit(r.bidRef(), 35)));
        if (!accepted) {
            ProcurementCode code = ProcurementCode.valueOf(r.reasonCode());
            w.segment("ERC", c(code.name()));
            // B60's text is 72 characters: D96B's 4440 holds 70
            w.segment("FTX", "AAO", null, null, c(AwardNoticeEdifact.chunks(code.text())));
        }
        w.endMessage();
        w.endInterchange();
    }
}
