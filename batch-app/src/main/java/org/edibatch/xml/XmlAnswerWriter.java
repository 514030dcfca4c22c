package org.edibatch.xml;

import org.edibatch.release.PaymentDue;

import org.edibatch.xml.internal.IndentedXml;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Streams the XML answer to a batch (KCS-XML-RESP-1): header and batch status, then one CustomsResponse
 * per declaration as they are handed in, so a batch of a million declarations is answered in flat memory.
 * Pair it with AtomicFiles for the file itself.
 */
public final class XmlAnswerWriter {

    /**
     * @param ourId            our party id (the EDIFACT UNB recipient we answer as, e.g. KCS)
     * @param recipientId      the batch's sender; null when the batch was refused before it could be read
     * @param responseId       this answer's own reference, stable across reruns
     * @param referencedBatchId the batch's BatchID; null when unknown
     */
    public record Header(String ourId, String recipientId, String responseId, OffsetDateTime issued,
                         String referencedBatchId, int version) {

        public Header(String ourId, String recipientId, String responseId, OffsetDateTime issued,
                      String referencedBatchId) {
            this(ourId, recipientId, responseId, issued, referencedBatchId, 1);
        }
    }

    /** The namespace of the answer: version 2 for a batch of version 2, else version 1. */
    private String ns = XmlSchemas.RESPONSE_NS;
    private boolean version2;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final IndentedXml x;

    private XmlAnswerWriter(OutputStream out) throws IOException {
        this.x = new IndentedXml(out);
    }

    /** Starts the answer to a batch whose declarations follow through {@link #write}; batchErrors may be empty. */
    public static XmlAnswerWriter processed(OutputStream out, Header h, int declarationCount,
                                            List<XmlError> batchErrors) throws IOException {
        XmlAnswerWriter a = new XmlAnswerWriter(out);
        IndentedXml.run(() -> a.begin(h, "PROCESSED", declarationCount, batchErrors));
        return a;
    }

    /** The whole answer to a batch refused as a whole. */
    public static void refused(OutputStream out, Header h, List<XmlError> errors) throws IOException {
        XmlAnswerWriter a = new XmlAnswerWriter(out);
        IndentedXml.run(() -> a.begin(h, "REFUSED", null, errors));
        a.finish();
    }

    /**
     * A declaration's release, in a release notice (KCS-XML-RESP-2): as CUSRES GIS 7365 code 4, goods released.
     *
     * @param basis         PAID or MONTHLY
     * @param paymentNumber null when it had no tax to pay
     */
    public record Release(String kind, String declarationNo, String acceptanceNo, java.time.LocalDate releaseDate,
                          String basis, String paymentNumber) {
    }

    /** A release notice: the releases of one run for one sender, in response version 2. */
    public static void releases(OutputStream out, Header h, List<Release> releases) throws IOException {
        XmlAnswerWriter a = new XmlAnswerWriter(out);
        IndentedXml.run(() -> {
            a.begin(h, "PROCESSED", releases.size(), List.of());
            int seq = 1;
            for (Release r : releases) {
                a.x.open("CustomsResponse");
                a.x.leaf("SequenceNumeric", Integer.toString(seq++));
                a.x.leaf("DeclarationTypeCode", r.kind() == null ? "IMPORT" : r.kind());
                a.x.leaf("DeclarationID", r.declarationNo());
                a.x.leaf("ProcessingIndicatorCode", "4");
                a.x.open("Released");
                a.x.leaf("AcceptanceID", r.acceptanceNo());
                a.x.leaf("ReleaseDate", r.releaseDate().toString());
                a.x.leaf("BasisCode", r.basis());
                if (r.paymentNumber() != null) {
                    a.x.leaf("PaymentID", r.paymentNumber());
                }
                a.x.close();
                a.x.close();
            }
        });
        a.finish();
    }

    /**
     * An officer's decision on a declaration, as the console records it: REASSESS (answered as an approved
     * replacement, with the new amounts) or REFUSE (answered as a rejection with C180).
     *
     * @param id the decision's id, stable: the sender may quote it
     */
    public record OfficerDecision(long id, String code) {
    }

    /**
     * The answer to an officer's decision on one declaration of an XML batch: a KCS-XML-RESP-2 batch (whatever the
     * batch's version: only version 2 can say what replaced what) with one response marked OfficerDecision.
     */
    public static void decision(OutputStream out, Header h, XmlResponse r, OfficerDecision d) throws IOException {
        XmlAnswerWriter a = new XmlAnswerWriter(out);
        IndentedXml.run(() -> a.begin(new Header(h.ourId(), h.recipientId(), h.responseId(), h.issued(), h.referencedBatchId(),
                2), "PROCESSED", 1, List.of()));
        a.write(r, d);
        a.finish();
    }

    public void write(XmlResponse r) throws IOException {
        write(r, null);
    }

    private void write(XmlResponse r, OfficerDecision d) throws IOException {
        IndentedXml.run(() -> {
            x.open("CustomsResponse");
            x.leaf("SequenceNumeric", Integer.toString(r.sequence()));
            x.leaf("DeclarationTypeCode", r.kind());
            x.leaf("DeclarationID", r.declarationNo() == null || r.declarationNo().isEmpty() ? "UNKNOWN" : r.declarationNo());
            XmlResponse.Amendment m = version2 ? r.amendment() : null;
            if (m != null) {
                // the function answered (UN/EDIFACT 1225) and 7365: 15 correction approved, 16 not approved
                x.leaf("FunctionCode", m.functionCode());
                x.leaf("ProcessingIndicatorCode", r.accepted() ? "15" : "16");
            }
            if (d != null) {
                x.open("OfficerDecision");
                x.leaf("DecisionID", Long.toString(d.id()));
                x.leaf("DecisionCode", d.code());
                x.close();
            }
            if (r.declarationDate() != null) {
                x.leaf("DeclarationIssueDate", r.declarationDate().toString());
            }
            if (m != null && m.cancelled() && r.accepted()) {
                x.open("Cancelled");
                x.leaf("AcceptanceID", r.acceptance().acceptanceNo());
                if (r.acceptance().acceptanceDate() != null) {
                    x.leaf("AcceptanceDate", r.acceptance().acceptanceDate().toString());
                }
                previous(m, BigDecimal.ZERO);
                x.close();
            } else if (r.accepted()) {
                accepted(r.acceptance(), m, r.payment());
            } else {
                x.open("Rejected");
                for (XmlError e : r.errors()) {
                    x.error(e);
                }
                x.close();
            }
            x.close();
        });
    }

    /** Ends the document and flushes; the stream stays open. */
    public void finish() throws IOException {
        IndentedXml.run(() -> {
            x.end();
        });
    }

    private void begin(Header h, String status, Integer count, List<XmlError> errors) throws XMLStreamException {
        version2 = h.version() == 2;
        ns = version2 ? XmlSchemas.RESPONSE_NS_2 : XmlSchemas.RESPONSE_NS;
        x.begin(ns, "CustomsResponseBatch");
        x.leaf("SenderID", h.ourId());
        if (h.recipientId() != null && !h.recipientId().isEmpty()) {
            x.leaf("RecipientID", h.recipientId());
        }
        x.leaf("ID", h.responseId());
        x.leaf("IssueDateTime", DATE_TIME.format(h.issued()));
        if (h.referencedBatchId() != null && !h.referencedBatchId().isEmpty()) {
            x.leaf("ReferencedBatchID", h.referencedBatchId());
        }
        x.open("BatchStatus");
        x.leaf("StatusCode", status);
        if (count != null) {
            x.leaf("DeclarationCount", Integer.toString(count));
        }
        for (XmlError e : errors) {
            x.error(e);
        }
        x.close();
    }

    /** The version replaced, and the difference: positive to pay, negative to be refunded. */
    private void previous(XmlResponse.Amendment m, BigDecimal taxNow) throws XMLStreamException {
        x.open("PreviousVersion");
        x.leaf("AcceptanceID", m.previousAcceptanceNo());
        x.leaf("CustomsValueAmount", "currencyID", "KRW", m.previousCustomsValue().toPlainString());
        x.leaf("TotalTaxAmount", "currencyID", "KRW", m.previousTax().toPlainString());
        x.close();
        x.leaf("DifferenceAmount", "currencyID", "KRW", taxNow.subtract(m.previousTax()).toPlainString());
    }

    private void accepted(XmlResponse.Acceptance a, XmlResponse.Amendment m, PaymentDue p)
            throws XMLStreamException {
        x.open("Accepted");
        x.leaf("AcceptanceID", a.acceptanceNo());
        if (a.acceptanceDate() != null) {
            x.leaf("AcceptanceDate", a.acceptanceDate().toString());
        }
        if (a.exchangeRate() != null) {
            x.leaf("ExchangeRate", a.exchangeRate().toPlainString());
        }
        x.leaf("CustomsValueAmount", "currencyID", "KRW", a.customsValue().toPlainString());
        x.leaf("DutyAmount", "currencyID", "KRW", a.duty().toPlainString());
        x.leaf("VATAmount", "currencyID", "KRW", a.vat().toPlainString());
        if (a.vatRatePercent() != null) {
            x.leaf("VATRatePercent", a.vatRatePercent().toPlainString());
        }
        x.leaf("TotalTaxAmount", "currencyID", "KRW", a.duty().add(a.vat()).toPlainString());
        x.open("Channel");
        x.leaf("Code", a.channelCode());
        x.leaf("Text", a.channelText());
        if (a.score() != null) {
            x.leaf("Score", Integer.toString(a.score()));
        }
        for (String hit : a.ruleHits()) {
            x.leaf("RuleHit", hit);
        }
        x.close();
        if (m != null) {
            previous(m, a.duty().add(a.vat()));
        }
        if (p != null) {
            // as CUSRES RFF+PQ, MOA+9 and DTM+13: the payment number, the amount due and its due date
            x.open("Payment");
            x.leaf("PaymentID", p.paymentNumber());
            x.leaf("PayableAmount", "currencyID", "KRW", p.amountDue().toPlainString());
            x.leaf("PaymentDueDate", p.dueDate().toString());
            x.close();
        }
        x.close();
    }
}
