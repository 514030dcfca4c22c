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
    /** 3055 for the code lists of our own that the answers carry: assigned by the party originating the message. */
    static final String OUR_AGENCY = "86";

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private CusresBuilder() {
    }

    /**
     * One CUSRES in the D96B segment order: header (BGM, DTM, FTX, GIS), reference groups (SG3 RFF), error
     * groups (SG4 ERP), duty/tax groups (SG5 TAX). Each part is its own method, so a part can grow alone.
     */
    public static void write(EdifactWriter w, String messageRef, LocalDate answerDate, Answer a) throws IOException {
        w.startMessage(messageRef, "CUSRES", "D", "96B", "UN");
        header(w, answerDate, a);
        references(w, a);
        if (!a.accepted()) {
            errors(w, a);
        }
        taxes(w, a);
        w.endMessage();
    }

    private static boolean cancelled(Answer a) {
        return a.amendment() != null && a.amendment().cancelled() && a.accepted();
    }

    private static void header(EdifactWriter w, LocalDate answerDate, Answer a) throws IOException {
        String number = ContrlBuilder.fit(a.accepted() ? a.acceptanceNo() : a.declarationNo(), 35);
        Amendment m = a.amendment();
        boolean cancelled = cancelled(a);
        if (m == null) {
            w.segment("BGM", c("962"), number.isEmpty() ? "UNKNOWN" : number, a.accepted() ? "29" : "27");
        } else {
            // An amendment's answer names the function answered (1225) and says accepted or rejected in 4343.
            w.segment("BGM", c("962"), number.isEmpty() ? "UNKNOWN" : number, m.functionCode(),
                    a.accepted() ? "AP" : "RE");
        }
        w.segment("DTM", c("137", CCYYMMDD.format(answerDate), "102"));
        if (cancelled) {
            w.segment("FTX", "AAO", null, null, text("declaration cancelled, assessment of acceptance "
                    + m.previousAcceptanceNo() + " reversed"));
        } else if (a.accepted()) {
            w.segment("FTX", "AAO", null, null, text(a.channelText()));
            String indicator = processingIndicator(a.channelCode());
            if (indicator != null) {
                w.segment("GIS", c(indicator));
            }
        }
        if (m != null) {
            w.segment("GIS", c(a.accepted() ? CORRECTION_APPROVED : CORRECTION_NOT_APPROVED));
        }
    }

    /** SG3: the declaration answered, and for an approved amendment the version it replaced (ACW). */
    private static void references(EdifactWriter w, Answer a) throws IOException {
        w.segment("RFF", c("ABT", a.declarationNo().isEmpty() ? "UNKNOWN" : ContrlBuilder.fit(a.declarationNo(), 35)));
        if (a.declarationDate() != null) {
            w.segment("DTM", c("137", CCYYMMDD.format(a.declarationDate()), "102"));
        }
        if (a.amendment() != null && a.accepted()) {
            w.segment("RFF", c("ACW", ContrlBuilder.fit(a.amendment().previousAcceptanceNo(), 35)));
        }
        PaymentDue p = payment(a);
        if (p != null) {
            // the payment reference (1153 PQ) and its due date (2005 13, terms net due date); the amount is a MOA
            // of the TAX+9 group, as D96B has no MOA in the reference group
            w.segment("RFF", c("PQ", p.paymentNumber()));
            w.segment("DTM", c("13", CCYYMMDD.format(p.dueDate()), "102"));
        }
    }

    /** The payment due of an accepted answer that is not a cancellation, else null. */
    private static PaymentDue payment(Answer a) {
        return a.payment() != null && a.accepted() && !cancelled(a) ? a.payment() : null;
    }

    /** SG4: one ERP group per error, the code from our list KCS-ERR (agency 86: assigned by us). */
    private static void errors(EdifactWriter w, Answer a) throws IOException {
        for (Error e : a.errors()) {
            w.segment("ERP", c("1", truncate(e.pointer(), 35)));
            w.segment("ERC", c(e.code(), null, OUR_AGENCY));
            w.segment("FTX", "AAO", null, null, text(e.text()));
        }
    }

    /**
     * SG5: customs duty (with the customs value it was assessed on) and VAT (its rate in C243 5278), then a TAX+9
     * group (tax related information) with, for an approved amendment, the version replaced: its customs value,
     * its duty + VAT (MOA 176) and the adjustment (MOA 5), negative when it is to be refunded; and the amount due.
     */
    private static void taxes(EdifactWriter w, Answer a) throws IOException {
        boolean cancelled = cancelled(a);
        if (a.accepted() && !cancelled) {
            w.segment("TAX", "7", c("CUD"));
            w.segment("MOA", c("40", a.customsValue().toPlainString(), "KRW"));
            w.segment("MOA", c("124", a.duty().toPlainString(), "KRW"));
            w.segment("TAX", "7", c("VAT"), null, null, c(null, null, null, "10"));
            w.segment("MOA", c("124", a.vat().toPlainString(), "KRW"));
        }
        Amendment m = a.amendment();
        boolean amended = m != null && a.accepted();
        PaymentDue p = payment(a);
        if (amended || p != null) {
            w.segment("TAX", "9");
        }
        if (amended) {
            BigDecimal now = cancelled ? BigDecimal.ZERO : a.duty().add(a.vat());
            w.segment("MOA", c("40", m.previousCustomsValue().toPlainString(), "KRW"));
            w.segment("MOA", c("176", m.previousTax().toPlainString(), "KRW"));
            w.segment("MOA", c("5", now.subtract(m.previousTax()).toPlainString(), "KRW"));
        }
        if (p != null) {
            // 5025 9: amount due / amount payable
            w.segment("MOA", c("9", p.amountDue().toPlainString(), "KRW"));
        }
    }

    /**
     * The selectivity channel as a UN 7365 processing indicator: G paperless 1 (message content accepted: nothing
     * more is asked; code 4, goods released, is the release notice's), Y document review 6 (documents to be
     * produced), R physical inspection 5 (goods required for examination); null for none (the text still says it).
     */
    static String processingIndicator(String channelCode) {
        if (channelCode == null) {
            return null;
        }
        switch (channelCode) {
            case "G":
                return "1";
            case "Y":
                return "6";
            case "R":
                return "5";
            default:
                return null;
        }
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
