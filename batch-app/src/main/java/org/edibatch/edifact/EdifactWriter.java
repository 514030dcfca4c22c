package org.edibatch.edifact;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an interchange in syntax UNOC version 3 through StAEDI's writer (which applies release characters)
 * and keeps the UNT segment and UNZ message counts itself, since StAEDI does not fill them.
 * Elements are given as a String (simple), a {@link Composite} or null (empty); trailing empty elements
 * and components are dropped, so no segment ends with a separator.
 */
public final class EdifactWriter implements AutoCloseable {

    /** A composite data element; null components are empty. */
    public record Composite(String... components) {
    }

    public static Composite c(String... components) {
        return new Composite(components);
    }

    private static final EDIOutputFactory FACTORY = newFactory();

    private final EDIStreamWriter writer;
    private String interchangeRef;
    private String messageRef;
    private int messageCount;
    private int segmentCount;

    public EdifactWriter(OutputStream out) {
        try {
            this.writer = FACTORY.createEDIStreamWriter(out, StandardCharsets.ISO_8859_1.name());
        } catch (EDIStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EDIOutputFactory newFactory() {
        EDIOutputFactory f = EDIOutputFactory.newFactory();
        f.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        return f;
    }

    public void startInterchange(String sender, String recipient, String date, String time, String controlRef)
            throws IOException {
        this.interchangeRef = controlRef;
        try {
            writer.startInterchange();
        } catch (EDIStreamException e) {
            throw new IOException(e);
        }
        raw("UNB", new Object[]{c("UNOC", "3"), c(sender), c(recipient), c(date, time), controlRef});
    }

    public void startMessage(String ref, String type, String version, String release, String agency)
            throws IOException {
        messageRef = ref;
        segmentCount = 0;
        messageCount++;
        segment("UNH", ref, c(type, version, release, agency));
    }

    /** Writes one segment of the current message and counts it for UNT. */
    public void segment(String tag, Object... elements) throws IOException {
        segmentCount++;
        raw(tag, elements);
    }

    public void endMessage() throws IOException {
        segment("UNT", Integer.toString(segmentCount + 1), messageRef);
    }

    public void endInterchange() throws IOException {
        raw("UNZ", new Object[]{Integer.toString(messageCount), interchangeRef});
        try {
            writer.endInterchange();
            writer.flush();
        } catch (EDIStreamException e) {
            throw new IOException(e);
        }
    }

    private void raw(String tag, Object[] elements) throws IOException {
        try {
            writer.writeStartSegment(tag);
            int last = elements.length;
            while (last > 0 && isEmpty(elements[last - 1])) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                Object e = elements[i];
                if (e instanceof Composite composite) {
                    String[] components = composite.components();
                    int lc = components.length;
                    while (lc > 0 && isEmpty(components[lc - 1])) {
                        lc--;
                    }
                    writer.writeStartElement();
                    for (int c = 0; c < lc; c++) {
                        if (isEmpty(components[c])) {
                            writer.writeEmptyComponent();
                        } else {
                            writer.writeComponent(latin1(components[c]));
                        }
                    }
                    writer.endElement();
                } else if (isEmpty(e)) {
                    writer.writeEmptyElement();
                } else {
                    writer.writeElement(latin1(e.toString()));
                }
            }
            writer.writeEndSegment();
        } catch (EDIStreamException e) {
            throw new IOException("cannot write segment " + tag, e);
        }
    }

    private static boolean isEmpty(Object o) {
        if (o == null) {
            return true;
        }
        if (o instanceof Composite comp) {
            for (String s : comp.components()) {
                if (s != null && !s.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
        return o.toString().isEmpty();
    }

    /** UNOC is Latin-1: anything outside it is replaced rather than written as bytes the level forbids. */
    private static String latin1(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF);
            if (!ok) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } catch (EDIStreamException e) {
            throw new IOException(e);
        }
    }
}
