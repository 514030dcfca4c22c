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

    private AperakBuilder() {
    }

    public static String code(SubReason reason) {
        return reason.code();
    }

    public static void write(EdifactWriter w, String messageRef, LocalDate answerDate, String theirControlRef,
                             SubReason reason, String detail) throws IOException {
        w.startMessage(messageRef, "APERAK", "D", "96B", "UN");
        String ref = ContrlBuilder.fit(theirControlRef, 35); // 1004 and 1154 are an..35
        w.segment("BGM", c("312"), ref, "27");
        w.segment("DTM", c("137", DateTimeFormatter.BASIC_ISO_DATE.format(answerDate), "102"));
        w.segment("RFF", c("ACW", ref));
        w.segment("ERC", c(code(reason), null, "KCS"));
        w.segment("FTX", "AAO", null, null, CusresBuilder.text(reason.name() + ": " + reason.text()
                + (detail == null || detail.isEmpty() ? "" : " " + detail)));
        w.endMessage();
    }
}
