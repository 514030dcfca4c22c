package org.edibatch.xml;

import org.edibatch.xml.internal.IndentedXml;

import javax.xml.stream.XMLStreamException;
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

    private final IndentedXml x;

    private AdviceReceiptWriter(OutputStream out) throws IOException {
        this.x = new IndentedXml(out);
    }

    /** The whole receipt of a document refused as a whole. */
    public static void refused(OutputStream out, Header h, List<XmlError> errors) throws IOException {
        AdviceReceiptWriter a = new AdviceReceiptWriter(out);
        IndentedXml.run(() -> {
            a.begin(h);
            a.x.open("ReceiptStatus");
            a.x.leaf("StatusCode", "REFUSED");
            for (XmlError e : errors) {
                a.x.error(e);
            }
            a.x.close();
        });
        a.finish();
    }

    /** Starts the receipt of an accepted document; its coded lines follow through {@link #line}. */
    public static AdviceReceiptWriter accepted(OutputStream out, Header h, long credits, long posted, long refused)
            throws IOException {
        AdviceReceiptWriter a = new AdviceReceiptWriter(out);
        IndentedXml.run(() -> {
            a.begin(h);
            a.x.open("ReceiptStatus");
            a.x.leaf("StatusCode", "ACCEPTED");
            a.x.leaf("CreditCount", Long.toString(credits));
            a.x.leaf("PostedCount", Long.toString(posted));
            a.x.leaf("RefusedCount", Long.toString(refused));
            a.x.close();
        });
        return a;
    }

    public void line(Line l) throws IOException {
        IndentedXml.run(() -> {
            x.open("CreditLine");
            x.leaf("NotificationSequenceNumeric", Integer.toString(l.notification()));
            x.leaf("CreditSequenceNumeric", Integer.toString(l.credit()));
            if (l.transactionRef() != null && !l.transactionRef().isEmpty()) {
                x.leaf("TransactionReference", l.transactionRef());
            }
            if (l.paymentReference() != null && !l.paymentReference().isEmpty()) {
                x.leaf("PaymentReference", l.paymentReference());
            }
            if (l.amount() != null) {
                // a currency the bank got wrong (R05) is left out rather than answered back as something else
                x.leaf("Amount", "Ccy", l.currency() != null && CURRENCY.matcher(l.currency()).matches()
                        ? l.currency() : null, l.amount().toPlainString());
            }
            x.leaf("OutcomeCode", l.outcome());
            x.leaf("ReasonCode", l.code());
            x.leaf("ReasonText", l.text() == null || l.text().isEmpty() ? l.code() : l.text());
            x.close();
        });
    }

    /** Ends the document and flushes; the stream stays open. */
    public void finish() throws IOException {
        IndentedXml.run(() -> {
            x.end();
        });
    }

    private void begin(Header h) throws XMLStreamException {
        x.begin(NS, "CreditAdviceReceipt");
        x.leaf("SenderID", h.ourId());
        if (h.bankId() != null && !h.bankId().isEmpty()) {
            x.leaf("RecipientID", h.bankId());
        }
        x.leaf("ID", h.receiptId());
        x.leaf("IssueDateTime", DATE_TIME.format(h.issued()));
        x.leaf("ReferencedDocumentTypeCode", DOCUMENT_TYPE);
        if (h.messageId() != null && !h.messageId().isBlank()) {
            x.leaf("ReferencedMessageID", h.messageId());
        }
    }
}
