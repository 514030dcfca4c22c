package org.edibatch.xml;

import org.edibatch.release.PaymentDue;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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

    private final XMLStreamWriter w;
    private int depth;

    private XmlAnswerWriter(OutputStream out) throws IOException {
        try {
            this.w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** Starts the answer to a batch whose declarations follow through {@link #write}; batchErrors may be empty. */
    public static XmlAnswerWriter processed(OutputStream out, Header h, int declarationCount,
                                            List<XmlError> batchErrors) throws IOException {
        XmlAnswerWriter a = new XmlAnswerWriter(out);
        a.run(() -> a.begin(h, "PROCESSED", declarationCount, batchErrors));
        return a;
    }

    /** The whole answer to a batch refused as a whole. */
    public static void refused(OutputStream out, Header h, List<XmlError> errors) throws IOException {
        XmlAnswerWriter a = new XmlAnswerWriter(out);
        a.run(() -> a.begin(h, "REFUSED", null, errors));
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
        a.run(() -> {
            a.begin(h, "PROCESSED", releases.size(), List.of());
            int seq = 1;
            for (Release r : releases) {
                a.open("CustomsResponse");
                a.leaf("SequenceNumeric", Integer.toString(seq++));
                a.leaf("DeclarationTypeCode", r.kind() == null ? "IMPORT" : r.kind());
                a.leaf("DeclarationID", r.declarationNo());
                a.leaf("ProcessingIndicatorCode", "4");
                a.open("Released");
                a.leaf("AcceptanceID", r.acceptanceNo());
                a.leaf("ReleaseDate", r.releaseDate().toString());
                a.leaf("BasisCode", r.basis());
                if (r.paymentNumber() != null) {
                    a.leaf("PaymentID", r.paymentNumber());
                }
                a.close();
                a.close();
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
        a.run(() -> a.begin(new Header(h.ourId(), h.recipientId(), h.responseId(), h.issued(), h.referencedBatchId(),
                2), "PROCESSED", 1, List.of()));
        a.write(r, d);
        a.finish();
    }

    public void write(XmlResponse r) throws IOException {
        write(r, null);
    }

    private void write(XmlResponse r, OfficerDecision d) throws IOException {
        run(() -> {
            open("CustomsResponse");
            leaf("SequenceNumeric", Integer.toString(r.sequence()));
            leaf("DeclarationTypeCode", r.kind());
            leaf("DeclarationID", r.declarationNo() == null || r.declarationNo().isEmpty() ? "UNKNOWN" : r.declarationNo());
            XmlResponse.Amendment m = version2 ? r.amendment() : null;
            if (m != null) {
                // the function answered (UN/EDIFACT 1225) and 7365: 15 correction approved, 16 not approved
                leaf("FunctionCode", m.functionCode());
                leaf("ProcessingIndicatorCode", r.accepted() ? "15" : "16");
            }
            if (d != null) {
                open("OfficerDecision");
                leaf("DecisionID", Long.toString(d.id()));
                leaf("DecisionCode", d.code());
                close();
            }
            if (r.declarationDate() != null) {
                leaf("DeclarationIssueDate", r.declarationDate().toString());
            }
            if (m != null && m.cancelled() && r.accepted()) {
                open("Cancelled");
                leaf("AcceptanceID", r.acceptance().acceptanceNo());
                if (r.acceptance().acceptanceDate() != null) {
                    leaf("AcceptanceDate", r.acceptance().acceptanceDate().toString());
                }
                previous(m, BigDecimal.ZERO);
                close();
            } else if (r.accepted()) {
                accepted(r.acceptance(), m, r.payment());
            } else {
                open("Rejected");
                for (XmlError e : r.errors()) {
                    error(e);
                }
                close();
            }
            close();
        });
    }

    /** Ends the document and flushes; the stream stays open. */
    public void finish() throws IOException {
        run(() -> {
            close();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
        });
    }

    private void begin(Header h, String status, Integer count, List<XmlError> errors) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        version2 = h.version() == 2;
        ns = version2 ? XmlSchemas.RESPONSE_NS_2 : XmlSchemas.RESPONSE_NS;
        w.setDefaultNamespace(ns);
        w.writeStartElement(ns, "CustomsResponseBatch");
        w.writeDefaultNamespace(ns);
        depth = 1;
        leaf("SenderID", h.ourId());
        if (h.recipientId() != null && !h.recipientId().isEmpty()) {
            leaf("RecipientID", h.recipientId());
        }
        leaf("ID", h.responseId());
        leaf("IssueDateTime", DATE_TIME.format(h.issued()));
        if (h.referencedBatchId() != null && !h.referencedBatchId().isEmpty()) {
            leaf("ReferencedBatchID", h.referencedBatchId());
        }
        open("BatchStatus");
        leaf("StatusCode", status);
        if (count != null) {
            leaf("DeclarationCount", Integer.toString(count));
        }
        for (XmlError e : errors) {
            error(e);
        }
        close();
    }

    /** The version replaced, and the difference: positive to pay, negative to be refunded. */
    private void previous(XmlResponse.Amendment m, BigDecimal taxNow) throws XMLStreamException {
        open("PreviousVersion");
        leaf("AcceptanceID", m.previousAcceptanceNo());
        krw("CustomsValueAmount", m.previousCustomsValue());
        krw("TotalTaxAmount", m.previousTax());
        close();
        krw("DifferenceAmount", taxNow.subtract(m.previousTax()));
    }

    private void accepted(XmlResponse.Acceptance a, XmlResponse.Amendment m, PaymentDue p)
            throws XMLStreamException {
        open("Accepted");
        leaf("AcceptanceID", a.acceptanceNo());
        if (a.acceptanceDate() != null) {
            leaf("AcceptanceDate", a.acceptanceDate().toString());
        }
        if (a.exchangeRate() != null) {
            leaf("ExchangeRate", a.exchangeRate().toPlainString());
        }
        krw("CustomsValueAmount", a.customsValue());
        krw("DutyAmount", a.duty());
        krw("VATAmount", a.vat());
        if (a.vatRatePercent() != null) {
            leaf("VATRatePercent", a.vatRatePercent().toPlainString());
        }
        krw("TotalTaxAmount", a.duty().add(a.vat()));
        open("Channel");
        leaf("Code", a.channelCode());
        leaf("Text", a.channelText());
        if (a.score() != null) {
            leaf("Score", Integer.toString(a.score()));
        }
        for (String hit : a.ruleHits()) {
            leaf("RuleHit", hit);
        }
        close();
        if (m != null) {
            previous(m, a.duty().add(a.vat()));
        }
        if (p != null) {
            // as CUSRES RFF+PQ, MOA+9 and DTM+13: the payment number, the amount due and its due date
            open("Payment");
            leaf("PaymentID", p.paymentNumber());
            krw("PayableAmount", p.amountDue());
            leaf("PaymentDueDate", p.dueDate().toString());
            close();
        }
        close();
    }

    private void error(XmlError e) throws XMLStreamException {
        open("Error");
        leaf("Code", e.code());
        if (e.pointer() != null && !e.pointer().isEmpty()) {
            leaf("Pointer", e.pointer());
        }
        if (e.line() > 0) {
            leaf("Line", Integer.toString(e.line()));
            if (e.column() > 0) {
                leaf("Column", Integer.toString(e.column()));
            }
        }
        leaf("Text", e.text() == null || e.text().isEmpty() ? e.code() : e.text());
        close();
    }

    private void krw(String name, BigDecimal amount) throws XMLStreamException {
        indent();
        w.writeStartElement(ns, name);
        w.writeAttribute("currencyID", "KRW");
        w.writeCharacters(amount.toPlainString());
        w.writeEndElement();
    }

    private void leaf(String name, String value) throws XMLStreamException {
        indent();
        w.writeStartElement(ns, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private void open(String name) throws XMLStreamException {
        indent();
        w.writeStartElement(ns, name);
        depth++;
    }

    private void close() throws XMLStreamException {
        depth--;
        indent();
        w.writeEndElement();
    }

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    private interface Body {
        void run() throws XMLStreamException;
    }

    private void run(Body body) throws IOException {
        try {
            body.run();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
