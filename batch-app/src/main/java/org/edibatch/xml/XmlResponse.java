package org.edibatch.xml;

import org.edibatch.customs.Assessment;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.Selection;
import org.edibatch.release.PaymentDue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one declaration of an XML batch, what CUSRES carries for EDIFACT plus the channel's score
 * and rule hits as separate fields.
 *
 * @param sequence   1-based position of the declaration in the batch
 * @param acceptance null for a rejection
 * @param errors     empty for an acceptance
 */
public record XmlResponse(int sequence, String kind, String declarationNo, LocalDate declarationDate,
                          Acceptance acceptance, List<XmlError> errors, Amendment amendment, PaymentDue payment) {

    public XmlResponse(int sequence, String kind, String declarationNo, LocalDate declarationDate,
                       Acceptance acceptance, List<XmlError> errors, Amendment amendment) {
        this(sequence, kind, declarationNo, declarationDate, acceptance, errors, amendment, null);
    }

    public XmlResponse(int sequence, String kind, String declarationNo, LocalDate declarationDate,
                       Acceptance acceptance, List<XmlError> errors) {
        this(sequence, kind, declarationNo, declarationDate, acceptance, errors, null, null);
    }

    /** This response with the payment an accepted import's answer names (null: none). */
    public XmlResponse with(PaymentDue p) {
        return new XmlResponse(sequence, kind, declarationNo, declarationDate, acceptance, errors, amendment, p);
    }

    /**
     * The answer to a replacement or cancellation (format version 2): the function answered and, when approved,
     * the version replaced; null for an original. A cancellation's acceptance carries no channel.
     *
     * @param previousTax the duty and VAT of the version replaced
     */
    public record Amendment(String functionCode, boolean cancelled, String previousAcceptanceNo,
                            BigDecimal previousCustomsValue, BigDecimal previousTax) {
    }

    /** This response with the answer to an amendment. */
    public XmlResponse with(Amendment a) {
        return new XmlResponse(sequence, kind, declarationNo, declarationDate, acceptance, errors, a, payment);
    }

    /** All amounts in KRW. */
    public record Acceptance(String acceptanceNo, LocalDate acceptanceDate, BigDecimal exchangeRate,
                             BigDecimal customsValue, BigDecimal duty, BigDecimal vat, BigDecimal vatRatePercent,
                             String channelCode, String channelText, Integer score, List<String> ruleHits) {
    }

    public boolean accepted() {
        return acceptance != null;
    }

    public static XmlResponse rejected(int sequence, String kind, String declarationNo, LocalDate declarationDate,
                                       List<XmlError> errors) {
        return new XmlResponse(sequence, kind, declarationNo, declarationDate, null, List.copyOf(errors));
    }

    /** From the rules' decision, when it is still in memory (tests, or a writer that answers as it goes). */
    public static XmlResponse of(int sequence, String kind, DeclarationOutcome o, LocalDate answerDate,
                                 BigDecimal vatRatePercent) {
        if (!o.accepted()) {
            List<XmlError> errors = new ArrayList<>(o.errors().size());
            for (var e : o.errors()) {
                errors.add(XmlError.of(e));
            }
            return rejected(sequence, kind, o.declaration().declarationNo(), o.declaration().date(),
                    List.copyOf(errors));
        }
        Assessment a = o.assessment();
        Selection s = o.selection();
        return new XmlResponse(sequence, kind, o.declaration().declarationNo(), o.declaration().date(),
                new Acceptance(o.acceptanceNo(), answerDate, a.exchangeRate(), a.customsValue(), a.duty(), a.vat(),
                        vatRatePercent, s.channel().code(), s.channel().text(), s.score(), List.copyOf(s.ruleHits())),
                List.of());
    }
}
