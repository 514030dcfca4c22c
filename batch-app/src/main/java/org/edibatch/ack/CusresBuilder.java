package org.edibatch.ack;

import org.edibatch.edifact.EdifactWriter;
import org.edibatch.release.PaymentDue;

import static org.edibatch.edifact.EdifactWriter.c;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one CUSRES message (guide KCS-CUSRES-1) per declaration: acceptance with the assessed customs
 * value, duty and VAT and the inspection channel, or rejection with one ERP/ERC/FTX group per error.
 */
public final class CusresBuilder {

    public record Error(String code, String pointer, String text) {
    }

    /**
     * The answer to one declaration; the assessment fields are null for a rejection.
     *
     * @param amendment what a replacement's or cancellation's answer adds, null for an original
     * @param payment   the payment number, amount due and due date of an accepted import with tax, else null
     */
    public record Answer(String declarationNo, LocalDate declarationDate, boolean accepted, String acceptanceNo,
                         BigDecimal customsValue, BigDecimal dutyRatePercentOrNull, BigDecimal duty, BigDecimal vat,
                         String channelCode, String channelText, List<Error> errors, Amendment amendment,
                         PaymentDue payment) {

        public Answer(String declarationNo, LocalDate declarationDate, boolean accepted, String acceptanceNo,
                      BigDecimal customsValue, BigDecimal dutyRatePercentOrNull, BigDecimal duty, BigDecimal vat,
                      String channelCode, String channelText, List<Error> errors, Amendment amendment) {
            this(declarationNo, declarationDate, accepted, acceptanceNo, customsValue, dutyRatePercentOrNull, duty,
                    vat, channelCode, channelText, errors, amendment, null);
        }

        public Answer(String declarationNo, LocalDate declarationDate, boolean accepted, String acceptanceNo,
                      BigDecimal customsValue, BigDecimal dutyRatePercentOrNull, BigDecimal duty, BigDecimal vat,
                      String channelCode, String channelText, List<Error> errors) {
            this(declarationNo, declarationDate, accepted, acceptanceNo, customsValue, dutyRatePercentOrNull, duty,
                    vat, channelCode, channelText, errors, null, null);
        }

        public Answer withPayment(PaymentDue p) {
            return new Answer(declarationNo, declarationDate, accepted, acceptanceNo, customsValue,
                    dutyRatePercentOrNull, duty, vat, channelCode, channelText, errors, amendment, p);
        }
    }

    /**
     * The answer to a replacement or cancellation: the function answered (1225 code 5 or 1) and, when it was
     * approved, the version it replaced; the previous fields are null when it was refused.
     *
     * @param previousTax the duty and VAT of the version replaced
     */
    public record Amendment(String functionCode, boolean cancelled, String previousAcceptanceNo,
                            BigDecimal previousCustomsValue, BigDecimal previousTax) {
    }

    /** 7365 processing indicator: response after correction, correction approved. */
    static final String CORRECTION_APPROVED = "15";
    /** 7365 processing indicator: response after correction, correction not approved. */
    static final String CORRECTION_NOT_APPROVED = "16";

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private CusresBuilder() {
    }

    public static void write(EdifactWriter w, String messageRef, LocalDate answerDate, Answer a) throws IOException {
        w.startMessage(messageRef, "CUSRES", "D", "96B", "UN");
        String number = ContrlBuilder.fit(a.accepted() ? a.acceptanceNo() : a.declarationNo(), 35);
        Amendment m = a.amendment();
        boolean cancelled = m != null && m.cancelled() && a.accepted();
        if (m == null) {
            w.segment("BGM", c("962"), number.isEmpty() ? "UNKNOWN" : number, a.accepted() ? "29" : "27");
        } else {
            // An amendment's answer names the function answered (1225) and says accepted or rejected in 4343.
            w.segment("BGM", c("962"), number.isEmpty() ? "UNKNOWN" : number, m.functionCode(),
                    a.accepted() ? "AP" : "RE");
        }
        w.segment("DTM", c("137", CCYYMMDD.format(answerDate), "102"));
        if (a.accepted() && !cancelled) {
            w.segment("GIS", c(a.channelCode(), "CHN", "KCS"));
        }
        if (m != null) {
            w.segment("GIS", c(a.accepted() ? CORRECTION_APPROVED : CORRECTION_NOT_APPROVED));
        }
        if (cancelled) {
            w.segment("FTX", "AAO", null, null, text("declaration cancelled, assessment of acceptance "
                    + m.previousAcceptanceNo() + " reversed"));
        } else if (a.accepted()) {
            w.segment("FTX", "AAO", null, null, text(a.channelText()));
            w.segment("TAX", "7", c("CUD"));
            w.segment("MOA", c("124", a.duty().toPlainString(), "KRW"));
            w.segment("TAX", "7", c("VAT"), null, null, c("10"));
            w.segment("MOA", c("124", a.vat().toPlainString(), "KRW"));
        } else {
            for (Error e : a.errors()) {
                w.segment("ERP", c("1", truncate(e.pointer(), 35)));
                w.segment("ERC", c(e.code(), null, "KCS"));
                w.segment("FTX", "AAO", null, null, text(e.text()));
            }
        }
        w.segment("RFF", c("ABT", a.declarationNo().isEmpty() ? "UNKNOWN" : ContrlBuilder.fit(a.declarationNo(), 35)));
        if (a.declarationDate() != null) {
            w.segment("DTM", c("137", CCYYMMDD.format(a.declarationDate()), "102"));
        }
        if (a.accepted() && !cancelled) {
            w.segment("MOA", c("40", a.customsValue().toPlainString(), "KRW"));
        }
        if (m != null && a.accepted()) {
            // The version replaced (ACW: reference to the previous message) and the difference: MOA 5025 code 5
            // (adjustment amount), negative when it is to be refunded.
            BigDecimal now = cancelled ? BigDecimal.ZERO : a.duty().add(a.vat());
            w.segment("RFF", c("ACW", ContrlBuilder.fit(m.previousAcceptanceNo(), 35)));
            w.segment("MOA", c("40", m.previousCustomsValue().toPlainString(), "KRW"));
            w.segment("MOA", c("176", m.previousTax().toPlainString(), "KRW"));
            w.segment("MOA", c("5", now.subtract(m.previousTax()).toPlainString(), "KRW"));
        }
        PaymentDue p = a.payment();
        if (p != null && a.accepted() && !cancelled) {
            // A reference group of its own: the payment reference (1153 PQ), its due date (2005 code 13, terms net
            // due date) and the amount due (5025 code 9, amount due / amount payable).
            w.segment("RFF", c("PQ", p.paymentNumber()));
            w.segment("DTM", c("13", CCYYMMDD.format(p.dueDate()), "102"));
            w.segment("MOA", c("9", p.amountDue().toPlainString(), "KRW"));
        }
        w.endMessage();
    }

    /** The free text beside the channel: its meaning, the selectivity score and the rules that hit, if any. */
    public static String channelText(String meaning, int score, String ruleHits) {
        return meaning + ", score " + score + (ruleHits == null || ruleHits.isEmpty() ? "" : ", rules " + ruleHits);
    }

    /** FTX C108 holds up to five lines of 70 characters. */
    static EdifactWriter.Composite text(String s) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < s.length() && parts.size() < 5; i += 70) {
            parts.add(s.substring(i, Math.min(s.length(), i + 70)));
        }
        return c(parts.toArray(new String[0]));
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
