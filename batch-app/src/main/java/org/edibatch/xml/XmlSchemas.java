package org.edibatch.xml;

import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.net.URL;

/** The XML schemas shipped in edi-schemas (/edi-schemas/xml/), compiled once: a Schema is thread-safe. */
public final class XmlSchemas {

    public static final String DECLARATION_NS = "urn:edibatch:customs:declaration:1";
    public static final String RESPONSE_NS = "urn:edibatch:customs:response:1";
    public static final String DECLARATION_XSD = "/edi-schemas/xml/customs-declaration-1.xsd";
    public static final String RESPONSE_XSD = "/edi-schemas/xml/customs-response-1.xsd";

    private static volatile Schema declaration;
    private static volatile Schema response;

    private XmlSchemas() {
    }

    public static Schema declaration() {
        if (declaration == null) {
            declaration = load(DECLARATION_XSD);
        }
        return declaration;
    }

    public static Schema response() {
        if (response == null) {
            response = load(RESPONSE_XSD);
        }
        return response;
    }

    private static Schema load(String resource) {
        URL url = XmlSchemas.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " not on the class path (edi-schemas jar)");
        }
        try {
            SchemaFactory f = SchemaFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(new StreamSource(url.openStream(), url.toExternalForm()));
        } catch (SAXException | java.io.IOException e) {
            throw new IllegalStateException("cannot compile " + resource, e);
        }
    }
}
