package org.edibatch.xml;

import org.edibatch.xml.internal.DeclarationAssembler;
import org.edibatch.xml.internal.ElementPath;
import org.edibatch.xml.internal.SecureStax;
import org.edibatch.xml.internal.StaxPass;
import org.edibatch.xml.internal.ValidatingBridge;
import org.xml.sax.SAXException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams an XML declaration batch (KCS-XML-DECL-1) declaration by declaration: one StAX pass, validated
 * against the schema in the same pass, so memory is bounded by one declaration whatever the file size.
 *
 * <p>A DOCTYPE refuses the file (X003) at the event that announces it, before any entity or DTD could be
 * resolved; the factory resolves nothing in any case. Limits refuse it with X004, malformed XML with X001,
 * schema errors before the first declaration (the header) with X002. Schema errors inside a declaration
 * reject that declaration only; those after the first declaration but outside any go to
 * {@link #batchErrors()} without refusing the batch, since the declarations before them stand.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class XmlDeclarationReader implements Closeable {

    /**
     * Schema errors kept per declaration (and outside any), as {@code InterchangeReader.MAX_ERRORS_PER_MESSAGE}: a
     * declaration repeating a bad element thousands of times would otherwise cost the memory, the answer and the
     * database rows of thousands of errors. Past the bound the last one kept says how many more there were.
     */
    public static final int MAX_ERRORS_PER_DECLARATION = 100;

    /** The longest error text kept: the validator quotes the sender's value, which may be 65,536 characters. */
    public static final int MAX_ERROR_TEXT = 300;

    private final XmlLimits limits;
    private final StaxPass pass;
    private final XMLStreamReader r;
    private final ValidatingBridge validator;
    private final ElementPath path = new ElementPath();
    private final StringBuilder text = new StringBuilder();
    private final List<XmlError> batchErrors = new ArrayList<>();
    private final String[] headerValues = new String[4];

    private XmlBatchHeader header;
    /** The version of the declaration format the root element's namespace names. */
    private int version = 1;
    private boolean refused;
    private boolean ended;
    private int declarationsSeen;

    private DeclarationAssembler current;
    private String currentKind;
    private int currentElements;
    private List<XmlError> currentErrors;
    private int currentErrorsDropped;
    private int batchErrorsDropped;
    private boolean currentComplete;

    private XmlDeclarationReader(InputStream source, XmlLimits limits, boolean validate, XMLResolver resolver) {
        this.limits = limits;
        this.pass = new StaxPass(source, limits, resolver, this::refuse);
        this.r = pass.reader();
        this.validator = validate && r != null ? new ValidatingBridge(XmlSchemas.declaration(), r,
                this::schemaError) : null;
        if (r != null) {
            run(() -> {
                if (validator != null) {
                    validator.startDocument();
                }
                while (!ended && !refused && current == null) {
                    step();
                }
            });
        }
    }

    /** Opens a batch, validating it, and reads up to its first declaration. Never throws on bad input. */
    public static XmlDeclarationReader open(InputStream in, XmlLimits limits) {
        return new XmlDeclarationReader(in, limits, true, SecureStax.REFUSE);
    }

    /** As {@link #open}, without schema validation: for a cheap envelope pass or a measurement. */
    public static XmlDeclarationReader openUnvalidated(InputStream in, XmlLimits limits) {
        return new XmlDeclarationReader(in, limits, false, SecureStax.REFUSE);
    }

    /** For tests that must prove no resolution is ever attempted. */
    static XmlDeclarationReader open(InputStream in, XmlLimits limits, XMLResolver resolver) {
        return new XmlDeclarationReader(in, limits, true, resolver);
    }

    /** What a whole pass over a batch found: the claim step's check before any declaration is processed. */
    public record Scan(XmlBatchHeader header, int declarations, int schemaInvalidDeclarations, boolean refused,
                       List<XmlError> batchErrors) {
    }

    /**
     * Reads the whole batch once, as the EDIFACT envelope pass does, so that a file that is malformed or over a
     * limit near its end is refused before its first declaration is posted.
     */
    public static Scan scan(InputStream in, XmlLimits limits) throws IOException {
        try (XmlDeclarationReader reader = open(in, limits)) {
            int count = 0;
            int invalid = 0;
            XmlDeclarationItem item;
            while ((item = reader.next()) != null) {
                count++;
                if (!item.schemaValid()) {
                    invalid++;
                }
            }
            return new Scan(reader.header(), count, invalid, reader.refused(), reader.batchErrors());
        }
    }

    /** The envelope; null when the batch was refused before its first declaration. */
    public XmlBatchHeader header() {
        return header;
    }

    /** True when the file must be refused as a whole; {@link #batchErrors()} says why. */
    public boolean refused() {
        return refused;
    }

    /** Errors that belong to no declaration: the refusal, or schema errors after the first declaration. */
    public List<XmlError> batchErrors() {
        return List.copyOf(bounded(batchErrors, batchErrorsDropped));
    }

    /** Declarations handed out or skipped so far. */
    public int declarationsRead() {
        return declarationsSeen - (current != null ? 1 : 0);
    }

    /** The next declaration, or null at the end of the batch or when it was refused. */
    public XmlDeclarationItem next() {
        if (r == null) {
            return null;
        }
        run(() -> {
            while (!refused && !ended && (current == null || !currentComplete)) {
                step();
            }
        });
        if (refused || current == null) {
            return null;
        }
        DeclarationAssembler.Mapped mapped = current.build(header.senderId());
        XmlDeclarationItem item = new XmlDeclarationItem(declarationsSeen - 1, currentKind, mapped.declaration(),
                List.copyOf(mapped.errors()), List.copyOf(bounded(currentErrors, currentErrorsDropped)));
        current = null;
        return item;
    }

    /** Restart: passes over the first {@code n} declarations (still checking the file) without mapping them. */
    public int skip(int n) {
        int skipped = 0;
        while (skipped < n && next() != null) {
            skipped++;
        }
        return skipped;
    }

    private void run(StaxPass.Body body) {
        pass.run(body, false);
    }

    private void step() throws XMLStreamException, SAXException {
        pass.step(this::startElement, this::endElement, this::characters, this::endDocument);
    }

    private void startElement() throws SAXException {
        path.push(r.getLocalName());
        if (!pass.elementWithinLimits(path.depth())) {
            return;
        }
        text.setLength(0);
        boolean ours = XmlSchemas.isDeclarationNamespace(r.getNamespaceURI());
        if (path.depth() == 1 && XmlSchemas.DECLARATION_NS_2.equals(r.getNamespaceURI())) {
            version = 2;
        }
        if (path.depth() == 2 && ours && current == null && isDeclaration(r.getLocalName())) {
            beginDeclaration();
        }
        if (current != null) {
            if (++currentElements > limits.maxDeclarationElements()) {
                refuse(XmlErrorCode.LIMIT_EXCEEDED, r.getLocation(),
                        "declaration with more than " + limits.maxDeclarationElements() + " elements");
                return;
            }
            if (ours) {
                current.start(r.getLocalName(), r);
            }
        }
        if (validator != null) {
            validator.startElement();
        }
    }

    private void endElement() throws SAXException {
        if (validator != null) {
            validator.endElement();
        }
        boolean ours = XmlSchemas.isDeclarationNamespace(r.getNamespaceURI());
        if (current != null && ours) {
            current.end(text.toString());
        } else if (path.depth() == 2 && ours && current == null) {
            headerField(r.getLocalName(), text.toString().trim());
        }
        if (current != null && path.depth() == 2) {
            currentComplete = true;
        }
        path.pop();
        text.setLength(0);
    }

    private void characters() throws SAXException {
        if (!pass.appendText(text)) {
            return;
        }
        if (validator != null) {
            validator.characters();
        }
    }

    private void endDocument() throws SAXException {
        if (validator != null) {
            validator.endDocument();
        }
        if (header == null && !refused) {
            // a batch without declarations is answered as a refusal: there is nothing else to answer
            completeHeader();
        }
        ended = true;
    }

    private void beginDeclaration() {
        if (header == null) {
            completeHeader();
            if (refused) {
                return;
            }
        }
        declarationsSeen++;
        currentKind = "ExportDeclaration".equals(r.getLocalName()) ? XmlDeclarationItem.EXPORT : XmlDeclarationItem.IMPORT;
        current = new DeclarationAssembler(XmlDeclarationItem.EXPORT.equals(currentKind));
        currentElements = 0;
        currentErrors = new ArrayList<>();
        currentErrorsDropped = 0;
        currentComplete = false;
    }

    private void completeHeader() {
        header = new XmlBatchHeader(headerValues[0], headerValues[1], headerValues[2], headerValues[3], version);
        if (!batchErrors.isEmpty()) {
            refused = true;
        }
    }

    private void headerField(String name, String value) {
        switch (name) {
            case "SenderID" -> headerValues[0] = value;
            case "RecipientID" -> headerValues[1] = value;
            case "BatchID" -> headerValues[2] = value;
            case "IssueDateTime" -> headerValues[3] = value;
            default -> { }
        }
    }

    private void schemaError(String message, int line, int column) {
        String text = message == null || message.length() <= MAX_ERROR_TEXT ? message
                : message.substring(0, MAX_ERROR_TEXT - 3) + "...";
        XmlError e = new XmlError(XmlErrorCode.SCHEMA_INVALID.code(), path.toString(), Math.max(line, 0),
                Math.max(column, 0), text);
        List<XmlError> into = current != null ? currentErrors : batchErrors;
        // the validator often reports one fault twice (bad value, then bad content of its element)
        XmlError last = into.isEmpty() ? null : into.get(into.size() - 1);
        if (last == null || last.line() != e.line() || last.column() != e.column() || !last.pointer().equals(e.pointer())) {
            if (into.size() < MAX_ERRORS_PER_DECLARATION) {
                into.add(e);
            } else if (current != null) {
                currentErrorsDropped++;
            } else {
                batchErrorsDropped++;
            }
        }
    }

    /** {@code errors} as answered: past the bound, the last one kept replaced by the count of those left out. */
    private static List<XmlError> bounded(List<XmlError> errors, int dropped) {
        if (dropped == 0) {
            return errors;
        }
        List<XmlError> kept = new ArrayList<>(errors.subList(0, errors.size() - 1));
        XmlError last = errors.get(errors.size() - 1);
        kept.add(new XmlError(XmlErrorCode.SCHEMA_INVALID.code(), last.pointer(), last.line(), last.column(),
                (dropped + 1) + " more schema errors from here on, not listed (the first " + kept.size()
                        + " are)"));
        return kept;
    }

    private void refuse(XmlErrorCode code, Location at, String text) {
        if (refused) {
            return;
        }
        refused = true;
        int line = at == null ? 0 : Math.max(at.getLineNumber(), 0);
        int column = at == null ? 0 : Math.max(at.getColumnNumber(), 0);
        batchErrors.add(0, XmlError.of(code, path.toString(), line, column, text));
    }

    private static boolean isDeclaration(String name) {
        return "ImportDeclaration".equals(name) || "ExportDeclaration".equals(name);
    }

    @Override
    public void close() throws IOException {
        pass.close();
    }
}
