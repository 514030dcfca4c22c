package org.edibatch.xml.internal;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;

/**
 * The StAX factory for untrusted input. The JDK implementation is asked for by name so that another StAX
 * provider on the class path cannot change the hardening or the limits' behaviour (it returns long text in
 * chunks when not coalescing, which keeps memory flat).
 */
public final class SecureStax {

    /** Resolves nothing: DTDs are refused before any resolution would happen; this is the second wall. */
    public static final XMLResolver REFUSE = (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException("external resource refused: " + systemId);
    };

    private SecureStax() {
    }

    public static XMLInputFactory inputFactory(XMLResolver resolver) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLInputFactory.RESOLVER, resolver);
        return f;
    }

    /** What a reader tells the sender when the parser itself fails on its input (not a StAX error). */
    public static String parserFailure(RuntimeException e) {
        return "the XML parser cannot read this input (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    /** A StAX error's own text, without the location prefix the JDK puts before it (the location is reported apart). */
    public static String errorText(XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + "Message: ".length()).trim() : m;
    }
}
