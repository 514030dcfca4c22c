package org.edibatch.procurement;

import org.edibatch.xml.internal.IndentedXml;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;

/** Small StAX helper for the answers: UTF-8, one namespace, elements with text and attributes in pairs. */
final class XmlOut implements AutoCloseable {

    private final XMLStreamWriter w;

    XmlOut(OutputStream out, String root) throws IOException {
        try {
            w = IndentedXml.writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            w.writeDefaultNamespace(ProcurementXml.NS);
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    XmlOut start(String name, String... attributes) throws IOException {
        try {
            w.writeStartElement(name);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                if (attributes[i + 1] != null) {
                    w.writeAttribute(attributes[i], attributes[i + 1]);
                }
            }
            return this;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    XmlOut end() throws IOException {
        try {
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** Writes nothing for a null value, so optional elements stay absent. */
    XmlOut el(String name, Object value, String... attributes) throws IOException {
        if (value == null) {
            return this;
        }
        start(name, attributes);
        try {
            w.writeCharacters(value.toString());
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return end();
    }

    @Override
    public void close() throws IOException {
        try {
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
