package org.edibatch.signature.internal;

import java.io.OutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** XML parsing and writing locked down against XXE, DTD tricks and entity expansion. */
public final class SecureXml {

    /** The default handler prints to stderr; a parse error is reported through the exception instead. */
    private static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private SecureXml() {
    }

    /** Not thread-safe (DocumentBuilder never is): hold one per thread or per call. */
    /** The deepest element nesting a DOM-parsed document may have (the streaming readers keep XmlLimits'). */
    public static final int MAX_DEPTH = 64;

    public static DocumentBuilder newDocumentBuilder() {
        try {
            // the JDK's own parser, whose hardening features are known: never one a jar on the class path
            // registers (Smooks, in the tests, brings a shaded Xerces that refuses them)
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            // Our documents nest at most 8 deep (a signed batch); a sender's 20,000-deep one cost seconds of CPU
            // in the DOM and the validator before any rule could refuse it.
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(RETHROW);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML parser lacks a required security feature", e);
        }
    }

    /** Writes the document as-is: no indentation, which would break signatures. */
    public static void write(Document doc, OutputStream out) throws TransformerException {
        transformer().transform(new DOMSource(doc), new StreamResult(out));
    }

    private static Transformer transformer() throws TransformerConfigurationException {
        TransformerFactory tf = TransformerFactory.newDefaultInstance();
        tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return tf.newTransformer();
    }
}
