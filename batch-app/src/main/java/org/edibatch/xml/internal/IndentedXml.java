package org.edibatch.xml.internal;

import org.edibatch.xml.XmlError;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * An XML answer written as a stream, one element per line and indented, in one default namespace: what every XML
 * answer writer (customs responses, credit-advice receipts) needs from StAX, so each keeps only its document's
 * content.
 */
public final class IndentedXml {

    /** A stretch of writing, run by {@link #run}. */
    public interface Body {
        void run() throws XMLStreamException;
    }

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
    private final XMLStreamWriter w;
    private String ns;
    private int depth;

    public IndentedXml(OutputStream out) throws IOException {
        try {
            this.w = writer(out);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /**
     * The StAX writer every XML answer writes through, in UTF-8; its {@code flush} reaches {@code out}. Through a
     * buffered Writer: given the OutputStream itself, the JDK's writer hands it one byte at a time.
     */
    public static XMLStreamWriter writer(OutputStream out) throws XMLStreamException {
        return FACTORY.createXMLStreamWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /** Runs a stretch of writing; the writer's exceptions become IOExceptions. */
    public static void run(Body body) throws IOException {
        try {
            body.run();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** The XML declaration and the root element, in namespace {@code ns}, the default for what follows. */
    public void begin(String ns, String root) throws XMLStreamException {
        this.ns = ns;
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.setDefaultNamespace(ns);
        w.writeStartElement(ns, root);
        w.writeDefaultNamespace(ns);
        depth = 1;
    }

    /** Closes the root element, ends the document and flushes; the stream stays open. */
    public void end() throws XMLStreamException {
        close();
        w.writeCharacters("\n");
        w.writeEndDocument();
        w.flush();
    }

    /** An element holding text. */
    public void leaf(String name, String value) throws XMLStreamException {
        leaf(name, null, null, value);
    }

    /** An element holding text, with one attribute unless {@code attributeValue} is null. */
    public void leaf(String name, String attribute, String attributeValue, String value) throws XMLStreamException {
        indent();
        w.writeStartElement(ns, name);
        if (attributeValue != null) {
            w.writeAttribute(attribute, attributeValue);
        }
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** Opens an element whose children follow. */
    public void open(String name) throws XMLStreamException {
        indent();
        w.writeStartElement(ns, name);
        depth++;
    }

    /** Closes the element last opened. */
    public void close() throws XMLStreamException {
        depth--;
        indent();
        w.writeEndElement();
    }

    /** An {@code Error} element, as every XML answer carries a refusal: code, pointer, line, column, text. */
    public void error(XmlError e) throws XMLStreamException {
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

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }
}
