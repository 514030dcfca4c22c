package org.edibatch.xml.internal;

import org.edibatch.xml.XmlErrorCode;
import org.edibatch.xml.XmlLimits;
import org.xml.sax.SAXException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The guarded StAX pass every XML reader of senders' files makes (declaration batches, the banks' camt.054): the
 * hardened factory over a size-limited stream, a DOCTYPE or entity refused at the event that announces it, the
 * nesting, element and text limits, and every parser failure turned into a refusal with its position instead of an
 * exception. The reader supplies what an event means to it ({@link Handler}s) and where a refusal goes
 * ({@link Refusal}); the first refusal stops the pass.
 */
public final class StaxPass implements Closeable {

    /** Where a refusal goes: the reader records the code, the position and the text (only the first counts). */
    public interface Refusal {
        void refuse(XmlErrorCode code, Location at, String text);
    }

    /** What the reader does with one kind of event. */
    public interface Handler {
        void handle() throws SAXException;
    }

    /** A stretch of reading, run by {@link #run}. */
    public interface Body {
        void run() throws XMLStreamException, SAXException;
    }

    private final XmlLimits limits;
    private final LimitedInputStream in;
    private final XMLStreamReader r;
    private final Refusal refusal;
    private long elements;

    /** Opens the pass; a stream the parser cannot even start on is refused at once and {@link #reader()} is null. */
    public StaxPass(InputStream source, XmlLimits limits, XMLResolver resolver, Refusal refusal) {
        this.limits = limits;
        this.refusal = refusal;
        this.in = new LimitedInputStream(source, limits.maxBytes(), limits.maxTokenBytes());
        XMLStreamReader reader = null;
        try {
            reader = SecureStax.inputFactory(resolver).createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            refusal.refuse(XmlErrorCode.NOT_WELL_FORMED, e.getLocation(), SecureStax.errorText(e));
        } catch (RuntimeException e) {
            refusal.refuse(XmlErrorCode.NOT_WELL_FORMED, null, SecureStax.parserFailure(e));
        }
        this.r = reader;
    }

    /** The StAX reader (null when the pass could not start). */
    public XMLStreamReader reader() {
        return r;
    }

    /**
     * Runs a stretch of reading, turning what the parser, the limits and the validator throw into a refusal.
     * {@code anyFailure}: a RuntimeException from the reader's own handling of an event refuses the file too
     * (else it propagates, to be judged by whoever reads the items).
     */
    public void run(Body body, boolean anyFailure) {
        try {
            body.run();
        } catch (XMLStreamException e) {
            Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
            if (cause instanceof LimitedInputStream.LimitReached) {
                refusal.refuse(XmlErrorCode.LIMIT_EXCEEDED, location(e), cause.getMessage());
            } else {
                refusal.refuse(XmlErrorCode.NOT_WELL_FORMED, location(e), SecureStax.errorText(e));
            }
        } catch (SAXException e) {
            refusal.refuse(XmlErrorCode.SCHEMA_INVALID, r.getLocation(), e.getMessage());
        } catch (RuntimeException e) {
            if (!anyFailure) {
                throw e;
            }
            // whatever the parser or validator throws on hostile input is the input's fault: refused, not a crash
            refusal.refuse(XmlErrorCode.NOT_WELL_FORMED, r == null ? null : safeLocation(),
                    SecureStax.parserFailure(e));
        }
    }

    /** Reads one event and hands it to the reader's handler; a DOCTYPE or an entity reference is refused. */
    public void step(Handler startElement, Handler endElement, Handler characters, Handler endDocument)
            throws XMLStreamException, SAXException {
        int event;
        try {
            event = r.next();
        } catch (RuntimeException e) {
            // The JDK's parser itself fails on some malformed input (a NUL in a DOCTYPE's internal subset throws
            // MissingResourceException "InvalidCharInDTD"): the input is not well-formed, the run is not at fault.
            throw new XMLStreamException(SecureStax.parserFailure(e), r.getLocation(), e);
        }
        in.eventSeen();
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> startElement.handle();
            case XMLStreamConstants.END_ELEMENT -> endElement.handle();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    characters.handle();
            case XMLStreamConstants.DTD -> refusal.refuse(XmlErrorCode.DTD_REFUSED, r.getLocation(),
                    "DOCTYPE declarations are not accepted; nothing in it was read or expanded");
            case XMLStreamConstants.ENTITY_REFERENCE -> refusal.refuse(XmlErrorCode.DTD_REFUSED, r.getLocation(),
                    "entity reference &" + r.getLocalName() + "; refused");
            case XMLStreamConstants.END_DOCUMENT -> endDocument.handle();
            default -> { }
        }
    }

    /** Counts an element opened at {@code depth}; false (refused) when it goes past the nesting or element limit. */
    public boolean elementWithinLimits(int depth) {
        elements++;
        if (depth > limits.maxDepth()) {
            refusal.refuse(XmlErrorCode.LIMIT_EXCEEDED, r.getLocation(),
                    "elements nested deeper than " + limits.maxDepth());
            return false;
        }
        if (elements > limits.maxElements()) {
            refusal.refuse(XmlErrorCode.LIMIT_EXCEEDED, r.getLocation(), "more than " + limits.maxElements() + " elements");
            return false;
        }
        return true;
    }

    /** Appends the event's text to {@code text}; false (refused) when that would go past the text limit. */
    public boolean appendText(StringBuilder text) {
        if (text.length() + r.getTextLength() > limits.maxTextLength()) {
            refusal.refuse(XmlErrorCode.LIMIT_EXCEEDED, r.getLocation(),
                    "text longer than " + limits.maxTextLength() + " characters");
            return false;
        }
        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        return true;
    }

    /** The parser's position, or null when even asking for it fails. */
    public Location safeLocation() {
        try {
            return r.getLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Location location(XMLStreamException e) {
        return e.getLocation() != null ? e.getLocation() : (r != null ? safeLocation() : null);
    }

    @Override
    public void close() throws IOException {
        try {
            if (r != null) {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            in.close();
        }
    }
}
