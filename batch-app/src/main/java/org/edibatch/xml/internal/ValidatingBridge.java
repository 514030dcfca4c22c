package org.edibatch.xml.internal;

import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

/**
 * Feeds the events the StAX reader has already produced into a schema validator, so the file is parsed once
 * and validated in the same pass. The validator keeps only the open elements' state: memory does not grow
 * with the file. Errors carry the StAX reader's current line and column.
 */
public final class ValidatingBridge {

    /** Where validation errors go; the reader decides whether they belong to a declaration or the batch. */
    public interface Sink {
        void schemaError(String message, int line, int column);
    }

    private final XMLStreamReader r;
    private final ValidatorHandler handler;
    private final AttributesImpl attributes = new AttributesImpl();

    public ValidatingBridge(Schema schema, XMLStreamReader r, Sink sink) {
        this.r = r;
        this.handler = schema.newValidatorHandler();
        try {
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        handler.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                sink.schemaError(e.getMessage(), e.getLineNumber(), e.getColumnNumber());
            }

            @Override
            public void fatalError(SAXParseException e) {
                sink.schemaError(e.getMessage(), e.getLineNumber(), e.getColumnNumber());
            }
        });
        handler.setDocumentLocator(new StaxLocator());
    }

    public void startDocument() throws SAXException {
        handler.startDocument();
    }

    public void endDocument() throws SAXException {
        handler.endDocument();
    }

    public void startElement() throws SAXException {
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            handler.startPrefixMapping(nz(r.getNamespacePrefix(i)), nz(r.getNamespaceURI(i)));
        }
        attributes.clear();
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String prefix = nz(r.getAttributePrefix(i));
            String local = r.getAttributeLocalName(i);
            attributes.addAttribute(nz(r.getAttributeNamespace(i)), local,
                    prefix.isEmpty() ? local : prefix + ":" + local, "CDATA", r.getAttributeValue(i));
        }
        handler.startElement(nz(r.getNamespaceURI()), r.getLocalName(), qName(), attributes);
    }

    public void endElement() throws SAXException {
        handler.endElement(nz(r.getNamespaceURI()), r.getLocalName(), qName());
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            handler.endPrefixMapping(nz(r.getNamespacePrefix(i)));
        }
    }

    public void characters() throws SAXException {
        handler.characters(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
    }

    private String qName() {
        String prefix = nz(r.getPrefix());
        return prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private final class StaxLocator implements Locator {
        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return null;
        }

        @Override
        public int getLineNumber() {
            Location l = r.getLocation();
            return l == null ? -1 : l.getLineNumber();
        }

        @Override
        public int getColumnNumber() {
            Location l = r.getLocation();
            return l == null ? -1 : l.getColumnNumber();
        }
    }
}
