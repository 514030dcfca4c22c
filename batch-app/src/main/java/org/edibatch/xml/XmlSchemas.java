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
    /** Version 2: version 1 and the message function (original, replacement, cancellation). */
    public static final String DECLARATION_NS_2 = "urn:edibatch:customs:declaration:2";
    public static final String DECLARATION_XSD_2 = "/edi-schemas/xml/customs-declaration-2.xsd";
    public static final String RESPONSE_XSD = "/edi-schemas/xml/customs-response-1.xsd";

    /** Version 2: version 1 and the answer to replacements and cancellations; v2 batches are answered in it. */
    public static final String RESPONSE_NS_2 = "urn:edibatch:customs:response:2";
    public static final String RESPONSE_XSD_2 = "/edi-schemas/xml/customs-response-2.xsd";

    /** The banks' credit notifications (payment.Camt054Reader): a subset of ISO 20022 camt.054.001.08. */
    public static final String CAMT054_NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";
    public static final String CAMT054_XSD = "/edi-schemas/xml/camt.054.001.08-kcs.xsd";

    /** The receipt a bank gets for a camt.054 document (KCS-XML-CAR-1): refused whole, or its credits' codes. */
    public static final String ADVICE_RECEIPT_NS = "urn:edibatch:payments:credit-advice-receipt:1";
    public static final String ADVICE_RECEIPT_XSD = "/edi-schemas/xml/credit-advice-receipt-1.xsd";

    private static volatile Schema adviceReceipt;
    private static volatile Schema declaration;
    private static volatile Schema response;
    private static volatile Schema camt054;

    private XmlSchemas() {
    }

    public static Schema declaration() {
        if (declaration == null) {
            declaration = load(DECLARATION_XSD, DECLARATION_XSD_2);
        }
        return declaration;
    }

    public static Schema response() {
        if (response == null) {
            response = load(RESPONSE_XSD, RESPONSE_XSD_2);
        }
        return response;
    }

    public static Schema adviceReceipt() {
        if (adviceReceipt == null) {
            adviceReceipt = load(ADVICE_RECEIPT_XSD);
        }
        return adviceReceipt;
    }

    public static Schema camt054() {
        if (camt054 == null) {
            camt054 = load(CAMT054_XSD);
        }
        return camt054;
    }

    /** Both declaration versions: a file is validated against the one its namespace names. */
    public static boolean isDeclarationNamespace(String namespace) {
        return DECLARATION_NS.equals(namespace) || DECLARATION_NS_2.equals(namespace);
    }

    /** One schema of the given documents (each its own target namespace). */
    private static Schema load(String... resources) {
        StreamSource[] sources = new StreamSource[resources.length];
        try {
            for (int i = 0; i < resources.length; i++) {
                URL url = XmlSchemas.class.getResource(resources[i]);
                if (url == null) {
                    throw new IllegalStateException(resources[i] + " not on the class path (edi-schemas jar)");
                }
                sources[i] = new StreamSource(url.openStream(), url.toExternalForm());
            }
            SchemaFactory f = SchemaFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(sources);
        } catch (SAXException | java.io.IOException e) {
            throw new IllegalStateException("cannot compile " + String.join(", ", resources), e);
        }
    }
}
