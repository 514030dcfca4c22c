package org.edibatch.payment;

import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlErrorCode;
import org.edibatch.xml.XmlLimits;
import org.edibatch.xml.XmlSchemas;
import org.edibatch.xml.internal.SecureStax;
import org.edibatch.xml.internal.StaxPass;
import org.edibatch.xml.internal.ValidatingBridge;
import org.xml.sax.SAXException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a bank's camt.054 document (guide KCS-CAMT054-1, a subset of ISO 20022 camt.054.001.08) notification
 * by notification: one StAX pass on the hardened factory of {@code xml}, validated against the schema in the
 * same pass, so memory is bounded by one notification whatever the file size.
 *
 * <p>The document is refused whole at its first fault, with the line and column: not well-formed (X001), invalid
 * against the schema (X002), a DOCTYPE or entity (X003, before anything in it is resolved), a limit (X004, also a
 * notification of more than {@link #MAX_LINES_PER_ADVICE} credits). A schema-valid entry that is no payment (a
 * debit, not booked, no creditor reference, an amount of zero) refuses that line only ({@link AdviceCode}).
 * Advices handed out before a late refusal must not be used: {@link #scan} reads the whole document first.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class Camt054Reader implements Closeable {

    /** Credits kept for one notification: what bounds the memory of one advice. */
    public static final int MAX_LINES_PER_ADVICE = 100_000;

    private static final String NS = XmlSchemas.CAMT054_NS;

    /**
     * What identifies the document: its message id (the bank's control reference), creation time, the recipient
     * named in the group header and the account servicer (the bank) of the first notification; null when absent.
     */
    public record Header(String messageId, String creationDateTime, String recipientId, String servicerId) {
    }

    /** A whole pass over a document: what the claim checks before any credit is posted. */
    public record Scan(Header header, int advices, int lines, int lineRefusals, boolean refused,
                       List<XmlError> errors) {
    }

    private final StaxPass pass;
    private final XMLStreamReader r;
    private final ValidatingBridge validator;
    private final String[] names;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlError> errors = new ArrayList<>(1);

    private int depth;
    private boolean refused;
    private boolean ended;

    private String messageId;
    private String creationDateTime;
    private String recipientId;
    private String servicerId;

    // the notification being read
    private int adviceIndex;
    private String adviceRef;
    private List<PaymentLine> lines;
    private List<LineRefusal> refusals;
    private int lineIndex;
    private Advice completed;

    // the entry being read
    private String entryAmount;
    private String entryCurrency;
    private String entryDirection;
    private String entryStatus;
    private boolean entryReversal;
    private String entryValueDate;
    private String entryRef;
    private int entryTransactions;

    // the transaction being read
    private String txRef;
    private String txAmount;
    private String txCurrency;
    private String txDirection;
    private String txPaymentReference;

    private Camt054Reader(InputStream source, XmlLimits limits, boolean validate) {
        this.names = new String[limits.maxDepth() + 2];
        this.pass = new StaxPass(source, limits, SecureStax.REFUSE, this::refuse);
        this.r = pass.reader();
        this.validator = validate && r != null
                ? new ValidatingBridge(XmlSchemas.camt054(), r, this::schemaError) : null;
        if (r != null) {
            run(() -> {
                if (validator != null) {
                    validator.startDocument();
                }
                advance();
            });
        }
    }

    /** Opens a document, validating it, and reads up to its first complete notification. Never throws. */
    public static Camt054Reader open(InputStream in, XmlLimits limits) {
        return new Camt054Reader(in, limits, true);
    }

    /** As {@link #open} without the schema: for measuring what validation costs. */
    public static Camt054Reader openUnvalidated(InputStream in, XmlLimits limits) {
        return new Camt054Reader(in, limits, false);
    }

    /** Reads the whole document once: refused or not, and what it holds. */
    public static Scan scan(InputStream in, XmlLimits limits) throws IOException {
        try (Camt054Reader reader = open(in, limits)) {
            int advices = 0;
            int lines = 0;
            int refusals = 0;
            Advice a;
            while ((a = reader.next()) != null) {
                advices++;
                lines += a.lines().size();
                refusals += a.refusals().size();
            }
            return new Scan(reader.header(), advices, lines, refusals, reader.refused(), reader.errors());
        }
    }

    public Header header() {
        return new Header(messageId, creationDateTime, recipientId, servicerId);
    }

    /** True when the document must be refused whole; {@link #errors()} says why. */
    public boolean refused() {
        return refused;
    }

    /** The refusal (at most one: reading stops at the first fault). */
    public List<XmlError> errors() {
        return List.copyOf(errors);
    }

    /** The next notification, or null at the end of the document or once it is refused. */
    public Advice next() {
        if (r == null || refused) {
            return null;
        }
        if (completed == null) {
            run(this::advance);
        }
        if (refused) {
            return null;
        }
        Advice a = completed;
        completed = null;
        return a;
    }

    private void run(StaxPass.Body body) {
        pass.run(body, true);
    }

    private void advance() throws XMLStreamException, SAXException {
        while (!ended && !refused && completed == null) {
            step();
        }
    }

    private void step() throws XMLStreamException, SAXException {
        pass.step(this::startElement, this::endElement, this::characters, this::endDocument);
    }

    private void endDocument() throws SAXException {
        if (validator != null) {
            validator.endDocument();
        }
        ended = true;
    }

    private void startElement() throws SAXException {
        depth++;
        if (!pass.elementWithinLimits(depth)) {
            return;
        }
        String name = r.getLocalName();
        names[depth] = NS.equals(r.getNamespaceURI()) ? name : "";
        text.setLength(0);
        if (validator != null) {
            validator.startElement();
            if (refused) {
                return;
            }
        }
        if (depth == 3 && "Ntfctn".equals(names[3])) {
            adviceIndex++;
            adviceRef = "";
            lines = new ArrayList<>();
            refusals = new ArrayList<>();
            lineIndex = 0;
        } else if (depth == 4 && "Ntry".equals(names[4]) && "Ntfctn".equals(names[3])) {
            entryAmount = null;
            entryCurrency = null;
            entryDirection = null;
            entryStatus = null;
            entryReversal = false;
            entryValueDate = null;
            entryRef = null;
            entryTransactions = 0;
        } else if (depth == 6 && "TxDtls".equals(names[6]) && "NtryDtls".equals(names[5])) {
            entryTransactions++;
            txRef = null;
            txAmount = null;
            txCurrency = null;
            txDirection = null;
            txPaymentReference = null;
        } else if ("Amt".equals(name)) {
            String ccy = r.getAttributeValue(null, "Ccy");
            if (depth == 5 && "Ntry".equals(names[4])) {
                entryCurrency = ccy;
            } else if (depth == 7 && "TxDtls".equals(names[6])) {
                txCurrency = ccy;
            }
        }
    }

    private void endElement() throws SAXException {
        if (validator != null) {
            validator.endElement();
            if (refused) {
                return;
            }
        }
        String name = names[depth];
        if (depth >= 4 && "Ntfctn".equals(names[3])) {
            inNotification(name);
        } else if (depth == 4 && "GrpHdr".equals(names[3])) {
            if ("MsgId".equals(name)) {
                messageId = text.toString().trim();
            } else if ("CreDtTm".equals(name)) {
                creationDateTime = text.toString().trim();
            }
        } else if (depth == 8 && "MsgRcpt".equals(names[4]) && "Id".equals(name) && recipientId == null) {
            recipientId = text.toString().trim();
        } else if (depth == 3 && "Ntfctn".equals(name)) {
            completed = new Advice(adviceIndex, adviceRef, List.copyOf(lines), List.copyOf(refusals));
            lines = null;
            refusals = null;
        }
        depth--;
        text.setLength(0);
    }

    /** An element of a notification ends: keep what the advice needs. */
    private void inNotification(String name) {
        if (depth == 4) {
            if ("Id".equals(name)) {
                adviceRef = text.toString().trim();
            } else if ("Ntry".equals(name) && entryTransactions == 0) {
                credit(entryRef, entryAmount, entryCurrency, entryDirection, null);
            }
        } else if ("Ntry".equals(names[4])) {
            inEntry(name);
        } else if (depth == 8 && "Acct".equals(names[4]) && "Svcr".equals(names[5]) && "Id".equals(name)
                && servicerId == null) {
            servicerId = text.toString().trim();
        }
    }

    private void inEntry(String name) {
        String value = text.toString().trim();
        if (depth == 5) {
            switch (name) {
                case "Amt" -> entryAmount = value;
                case "CdtDbtInd" -> entryDirection = value;
                case "RvslInd" -> entryReversal = "true".equals(value) || "1".equals(value);
                case "AcctSvcrRef" -> entryRef = value;
                default -> { }
            }
        } else if (depth == 6 && "Sts".equals(names[5])) {
            entryStatus = value;
        } else if (depth == 6 && "ValDt".equals(names[5])) {
            entryValueDate = value.length() >= 10 ? value.substring(0, 10) : value;
        } else if (depth >= 7 && "TxDtls".equals(names[6])) {
            if (depth == 7) {
                switch (name) {
                    case "Amt" -> txAmount = value;
                    case "CdtDbtInd" -> txDirection = value;
                    default -> { }
                }
            } else if (depth == 8 && "Refs".equals(names[7]) && "AcctSvcrRef".equals(name)) {
                txRef = value;
            } else if (depth == 10 && "RmtInf".equals(names[7]) && "CdtrRefInf".equals(names[9])
                    && "Ref".equals(name) && txPaymentReference == null) {
                txPaymentReference = value;
            }
        } else if (depth == 6 && "TxDtls".equals(name)) {
            credit(txRef != null ? txRef : entryRef, txAmount != null ? txAmount : entryAmount,
                    txAmount != null ? txCurrency : entryCurrency, txDirection != null ? txDirection : entryDirection,
                    txPaymentReference);
        }
    }

    private void credit(String ref, String amount, String currency, String direction, String paymentReference) {
        if (lines.size() + refusals.size() >= MAX_LINES_PER_ADVICE) {
            refuse(XmlErrorCode.LIMIT_EXCEEDED, r.getLocation(),
                    "notification with more than " + MAX_LINES_PER_ADVICE + " credits");
            return;
        }
        int index = ++lineIndex;
        if (!"CRDT".equals(direction) || !"BOOK".equals(entryStatus) || entryReversal) {
            refusals.add(new LineRefusal(adviceIndex, index, AdviceCode.NOT_A_CREDIT.code(),
                    AdviceCode.NOT_A_CREDIT.text() + ": " + AdviceValues.quoted(direction) + ", status "
                            + AdviceValues.quoted(entryStatus) + (entryReversal ? ", a reversal" : "")));
            return;
        }
        LocalDate valueDate = AdviceValues.isoDate(entryValueDate);
        AdviceValues.line(adviceIndex, index, ref, paymentReference, amount, currency, valueDate,
                entryValueDate != null, lines, refusals);
    }

    private void characters() throws SAXException {
        if (!pass.appendText(text)) {
            return;
        }
        if (validator != null) {
            validator.characters();
        }
    }

    private void schemaError(String message, int line, int column) {
        if (refused) {
            return;
        }
        String t = message == null || message.length() <= 300 ? message : message.substring(0, 297) + "...";
        refused = true;
        errors.add(new XmlError(XmlErrorCode.SCHEMA_INVALID.code(), pointer(), Math.max(line, 0),
                Math.max(column, 0), t));
    }

    private void refuse(XmlErrorCode code, Location at, String message) {
        if (refused) {
            return;
        }
        refused = true;
        int line = at == null ? 0 : Math.max(at.getLineNumber(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNumber(), 0);
        errors.add(XmlError.of(code, pointer(), line, column, message));
    }

    /** The open elements, with the notification's position: enough for the bank to find the fault. */
    private String pointer() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= depth && i < names.length; i++) {
            b.append('/').append(names[i] == null || names[i].isEmpty() ? "*" : names[i]);
            if (i == 3 && "Ntfctn".equals(names[3])) {
                b.append('[').append(adviceIndex).append(']');
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        pass.close();
    }
}
