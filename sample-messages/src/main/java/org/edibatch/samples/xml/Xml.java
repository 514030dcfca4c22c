package org.edibatch.samples.xml;

/** Text escaping for the hand-written samples. */
final class Xml {

    private Xml() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
