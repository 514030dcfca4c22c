package org.edibatch.xml;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Streams a bank's receipt for its camt.054 credit advice (KCS-XML-CAR-1, credit-advice-receipt-1.xsd): refused
 * whole with its errors, or accepted with the counts and one CreditLine per credit that carries a code, handed in
 * one at a time so that a document of a million credits is answered in flat memory. Pair it with AtomicFiles.
 */
public final class AdviceReceiptWriter {

    /** The message type every receipt acknowledges: the only credit advice read in XML. */
    public static final String DOCUMENT_TYPE = "camt.054.001.08";

    /**
     * @param ourId      our party id (edibatch.our-edi-id)
     * @param bankId     the bank; null when the document was refused before its servicer could be read
     * @param receiptId  this receipt's own reference, stable across reruns
     * @param messageId  the document's GrpHdr/MsgId; null when unknown
     */
    public record Header(String ourId, String bankId, String receiptId, OffsetDateTime issued, String messageId) {
    }

    /**
     * A credit that was not a plain payment: where it is (notification and credit, from 1), what the bank sent, what
     * became of it (REFUSED, SUSPENSE, REFUND, OVERPAID) and why (R0x, P1x, P3x).
     */
    public record Line(int notification, int credit, String transactionRef, String paymentReference,
                       BigDecimal amount, String currency, String outcome, String code, String text) {
    }

    private static final String NS = XmlSchemas.ADVICE_RECEIPT_NS;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final XMLStreamWriter w;
    private int depth;

    private AdviceReceiptWriter(OutputStream out) throws IOException {
        try {
            this.w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** The whole receipt of a document refused as a whole. */
    public static void refused(OutputStream out, Header h, List<XmlError> errors) throws IOException {
        AdviceReceiptWriter a = new AdviceReceiptWriter(out);
        a.run(() -> {
            a.begin(h);
            a.open("ReceiptStatus");
            a.leaf("StatusCode", "REFUSED");
            for (XmlError e : errors) {
                a.error(e);
            }
            a.close();
        });
        a.finish();
    }

    /** Starts the receipt of an accepted document; its coded lines follow through {@link #line}. */
    public static AdviceReceiptWriter accepted(OutputStream out, Header h, long credits, long posted, long refused)
            throws IOException {
        AdviceReceiptWriter a = new AdviceReceiptWriter(out);
        a.run(() -> {
            a.begin(h);
            a.open("ReceiptStatus");
            a.leaf("StatusCode", "ACCEPTED");
            a.leaf("CreditCount", Long.toString(credits));
            a.leaf("PostedCount", Long.toString(posted));
            a.leaf("RefusedCount", Long.toString(refused));
            a.close();
        });
        return a;
    }

    public void line(Line l) throws IOException {
        run(() -> {
            open("CreditLine");
            leaf("NotificationSequenceNumeric", Integer.toString(l.notification()));
            leaf("CreditSequenceNumeric", Integer.toString(l.credit()));
            if (l.transactionRef() != null && !l.transactionRef().isEmpty()) {
                leaf("TransactionReference", l.transactionRef());
            }
            if (l.paymentReference() != null && !l.paymentReference().isEmpty()) {
                leaf("PaymentReference", l.paymentReference());
            }
            if (l.amount() != null) {
                indent();
                w.writeStartElement(NS, "Amount");
                // a currency the bank got wrong (R05) is left out rather than answered back as something else
                if (l.currency() != null && CURRENCY.matcher(l.currency()).matches()) {
                    w.writeAttribute("Ccy", l.currency());
                }
                w.writeCharacters(l.amount().toPlainString());
                w.writeEndElement();
            }
            leaf("OutcomeCode", l.outcome());
            leaf("ReasonCode", l.code());
            leaf("ReasonText", l.text() == null || l.text().isEmpty() ? l.code() : l.text());
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

    private void begin(Header h) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.setDefaultNamespace(NS);
        w.writeStartElement(NS, "CreditAdviceReceipt");
        w.writeDefaultNamespace(NS);
        depth = 1;
        leaf("SenderID", h.ourId());
        if (h.bankId() != null && !h.bankId().isEmpty()) {
            leaf("RecipientID", h.bankId());
        }
        leaf("ID", h.receiptId());
        leaf("IssueDateTime", DATE_TIME.format(h.issued()));
        leaf("ReferencedDocumentTypeCode", DOCUMENT_TYPE);
        if (h.messageId() != null && !h.messageId().isBlank()) {
            leaf("ReferencedMessageID", h.messageId());
        }
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

    private void leaf(String name, String value) throws XMLStreamException {
        indent();
        w.writeStartElement(NS, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private void open(String name) throws XMLStreamException {
        indent();
        w.writeStartElement(NS, name);
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
