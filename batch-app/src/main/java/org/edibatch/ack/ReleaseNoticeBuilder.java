package org.edibatch.ack;

import org.edibatch.edifact.EdifactWriter;

import static org.edibatch.edifact.EdifactWriter.c;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The release notice (guide KCS-CUSRES-1): one CUSRES per released declaration, whose processing indicator (GIS, UN
 * data element 7365, code 4 "goods released") tells the declarant its goods may leave.
 */
public final class ReleaseNoticeBuilder {

    /** 7365 processing indicator (UN list): goods released from customs control. */
    public static final String GOODS_RELEASED = "4";

    /**
     * @param basis         PAID (tax paid in full) or MONTHLY (importer on monthly payment)
     * @param paymentNumber the declaration's payment number, null when it had no tax to pay
     */
    public record Notice(String declarationNo, String acceptanceNo, LocalDate releaseDate, String basis,
                         String paymentNumber) {
    }

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private ReleaseNoticeBuilder() {
    }

    public static void write(EdifactWriter w, String messageRef, Notice n) throws IOException {
        w.startMessage(messageRef, "CUSRES", "D", "96B", "UN");
        w.segment("BGM", c("962"), ContrlBuilder.fit(n.acceptanceNo(), 35), "29");
        w.segment("DTM", c("137", CCYYMMDD.format(n.releaseDate()), "102"));
        // D96B order: the header FTX before GIS
        w.segment("FTX", "AAO", null, null, CusresBuilder.text(text(n.basis())));
        w.segment("GIS", c(GOODS_RELEASED));
        w.segment("RFF", c("ABT", ContrlBuilder.fit(n.declarationNo(), 35)));
        if (n.paymentNumber() != null) {
            w.segment("RFF", c("PQ", n.paymentNumber()));
        }
        w.endMessage();
    }

    /** The notice's free text: why the goods may leave. */
    public static String text(String basis) {
        return "MONTHLY".equals(basis) ? "goods released, tax deferred to the monthly statement"
                : "goods released, tax paid in full";
    }
}
