package org.edibatch.ack;

import org.edibatch.edifact.EdifactWriter;
import org.edibatch.signature.SubReason;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import static org.edibatch.edifact.EdifactWriter.c;

/**
 * APERAK (guide KCS-APERAK-1) for an interchange refused as a whole for an application reason, today its
 * digital signature. The ERC codes (code list KCS-SIG) are stable: senders automate on them.
 */
public final class AperakBuilder {

    /** BGM 1001 of every APERAK we write: D96B code 23, status information. */
    public static final String STATUS_INFORMATION = "23";

    private AperakBuilder() {
    }

    public static String code(SubReason reason) {
        return reason.code();
    }

    public static void write(EdifactWriter w, String messageRef, LocalDate answerDate, String theirControlRef,
                             SubReason reason, String detail) throws IOException {
        w.startMessage(messageRef, "APERAK", "D", "96B", "UN");
        String ref = ContrlBuilder.fit(theirControlRef, 35); // 1004 and 1154 are an..35
        // 1001 23 (status information: the status of the interchange referred to), 1225 27 not accepted
        w.segment("BGM", c(STATUS_INFORMATION), ref, "27");
        w.segment("DTM", c("137", DateTimeFormatter.BASIC_ISO_DATE.format(answerDate), "102"));
        w.segment("RFF", c("ACW", ref));
        w.segment("ERC", c(code(reason), null, CusresBuilder.OUR_AGENCY));
        w.segment("FTX", "AAO", null, null, CusresBuilder.text(reason.name() + ": " + reason.text()
                + (detail == null || detail.isEmpty() ? "" : " " + detail)));
        w.endMessage();
    }
}
