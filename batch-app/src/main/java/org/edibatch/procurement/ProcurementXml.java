package org.edibatch.procurement;

import org.edibatch.signature.internal.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads procurement XML safely (no DTDs, no external entities) and validates it against the edi-schemas XSD. */
public final class ProcurementXml {

    public static final String NS = "urn:edibatch:procurement:1";
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    /**
     * One parser per thread, reused: making one looks its factory up on the class path each time, ~5% of the
     * intake's and the opening's CPU. A parser is not thread-safe, and parse calls one after the other are fine.
     */
    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> PARSER =
            ThreadLocal.withInitial(SecureXml::newDocumentBuilder);

    /**
     * One validator per thread and schema, reused for the same reason: {@code Schema.newValidator()} builds the
     * validator's components anew, about a third of the CPU a bid's XML took. A validator resets itself at the
     * start of each {@code validate}; it is dropped after a failed one all the same.
     */
    private static final ThreadLocal<Map<String, Validator>> VALIDATORS = ThreadLocal.withInitial(HashMap::new);

    private ProcurementXml() {
    }

    /** @param xsd file name under /edi-schemas/procurement/ */
    public static Element parse(byte[] bytes, String xsd, String rootName, ProcurementCode failure)
            throws ProcurementFormatException {
        try {
            Document doc = PARSER.get().parse(new ByteArrayInputStream(bytes));
            Element root = doc.getDocumentElement();
            if (!NS.equals(root.getNamespaceURI()) || !rootName.equals(root.getLocalName())) {
                throw new ProcurementFormatException(failure, "expected {" + NS + "}" + rootName);
            }
            Map<String, Validator> validators = VALIDATORS.get();
            Validator validator = validators.computeIfAbsent(xsd, name -> schema(name).newValidator());
            try {
                validator.validate(new DOMSource(doc));
            } catch (SAXException | IOException | RuntimeException e) {
                validators.remove(xsd);
                throw e;
            }
            return root;
        } catch (SAXException | IOException | RuntimeException e) {
            throw new ProcurementFormatException(failure, "unreadable XML: " + e.getMessage());
        }
    }

    public static String text(Element parent, String name) {
        List<String> all = texts(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    public static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e.getTextContent().strip());
            }
        }
        return out;
    }

    private static Schema schema(String xsd) {
        return SCHEMAS.computeIfAbsent(xsd, name -> {
            URL url = ProcurementXml.class.getResource("/edi-schemas/procurement/" + name);
            if (url == null) {
                throw new IllegalStateException("schema " + name + " missing from edi-schemas");
            }
            try {
                SchemaFactory f = SchemaFactory.newDefaultInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                return f.newSchema(new StreamSource(url.openStream(), url.toString()));
            } catch (SAXException | IOException e) {
                throw new IllegalStateException("schema " + name + " unreadable", e);
            }
        });
    }
}
