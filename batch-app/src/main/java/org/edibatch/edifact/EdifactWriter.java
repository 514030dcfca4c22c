package org.edibatch.edifact;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an interchange in a given syntax (UNOC version 3 unless told otherwise) with the default service
 * characters (no UNA) and keeps the UNT segment and UNZ message counts. Text is written in the repertoire of the
 * syntax level: a character the level cannot hold becomes '?' (UNOA's lower-case letters their capitals), and
 * UNOY text is UTF-8, so a sender writing Hangul under UNOY gets its Hangul back. Elements are given as a String (simple), a {@link Composite} or null
 * (empty); trailing empty elements and components are dropped, so no segment ends with a separator.
 *
 * <p>Segments are serialised here rather than through StAEDI's writer, which hands its output to an
 * OutputStreamWriter one character per call: about a third of this writer's speed, a tenth of a whole run's CPU
 * (docs/PERFORMANCE.md). The bytes are the same as StAEDI writes them (release
 * character before {@code ? + : '}), and the tests read every answer back with StAEDI's validating reader.
 */
public final class EdifactWriter implements AutoCloseable {

    /** A composite data element; null components are empty. */
    public record Composite(String... components) {
    }

    public static Composite c(String... components) {
        return new Composite(components);
    }

    private static final byte ELEMENT = '+';
    private static final byte COMPONENT = ':';
    private static final byte RELEASE = '?';
    private static final byte TERMINATOR = '\'';

    private final OutputStream out;
    private final byte[] buffer;
    private int used;
    private long handedOn;
    private Syntax syntax = Syntax.DEFAULT;
    private String interchangeRef;
    private String messageRef;
    private int messageCount;
    private int segmentCount;

    public EdifactWriter(OutputStream out) {
        this(out, 1 << 16);
    }

    /** @param bufferSize bytes gathered before each write to {@code out}: small when {@code out} is memory */
    public EdifactWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[bufferSize];
    }

    public void startInterchange(String sender, String recipient, String date, String time, String controlRef)
            throws IOException {
        this.interchangeRef = controlRef;
        raw("UNB", new Object[]{c(syntax.level().name(), syntax.version()), c(sender), c(recipient), c(date, time),
                controlRef});
    }

    /** The syntax the interchange is written in. */
    public Syntax syntax() {
        return syntax;
    }

    /** An interchange in {@code syntax}, prepared at {@code prepared} (CCYYMMDD from version 4 on, else YYMMDD). */
    public void startInterchange(Syntax syntax, String sender, String recipient, java.time.LocalDateTime prepared,
                                 String controlRef) throws IOException {
        this.syntax = syntax;
        String date = (syntax.fullDates() ? CCYYMMDD : YYMMDD).format(prepared);
        startInterchange(sender, recipient, date, HHMM.format(prepared), controlRef);
    }

    private static final java.time.format.DateTimeFormatter CCYYMMDD =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final java.time.format.DateTimeFormatter YYMMDD =
            java.time.format.DateTimeFormatter.ofPattern("yyMMdd");
    private static final java.time.format.DateTimeFormatter HHMM =
            java.time.format.DateTimeFormatter.ofPattern("HHmm");

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
        flush();
    }

    private void raw(String tag, Object[] elements) throws IOException {
        text(tag, false);
        int last = elements.length;
        while (last > 0 && isEmpty(elements[last - 1])) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            put(ELEMENT);
            Object e = elements[i];
            if (e instanceof Composite composite) {
                String[] components = composite.components();
                int lc = components.length;
                while (lc > 0 && isEmpty(components[lc - 1])) {
                    lc--;
                }
                for (int k = 0; k < lc; k++) {
                    if (k > 0) {
                        put(COMPONENT);
                    }
                    if (!isEmpty(components[k])) {
                        text(components[k], true);
                    }
                }
            } else if (!isEmpty(e)) {
                text(e.toString(), true);
            }
        }
        put(TERMINATOR);
    }

    /**
     * Text in the syntax level's repertoire; in data, a character the level cannot hold is replaced rather than
     * written as bytes the level forbids, and service characters get the release character. One pass, without a
     * replaced copy of the string first.
     */
    private void text(String s, boolean data) throws IOException {
        SyntaxLevel level = syntax.level();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (data) {
                if (level == SyntaxLevel.UNOC) {
                    if (!isLatin1(ch)) {
                        ch = '?';
                    }
                } else if (level == SyntaxLevel.UNOY) {
                    if (ch >= 0x80) {
                        i = utf8(s, i);
                        continue;
                    }
                    if (!level.allows(ch)) {
                        ch = '?';
                    }
                } else {
                    if (level == SyntaxLevel.UNOA && ch >= 'a' && ch <= 'z') {
                        ch = (char) (ch - 'a' + 'A');
                    }
                    if (!level.allows(ch)) {
                        ch = '?';
                    }
                }
                if (ch == '?' || ch == '+' || ch == ':' || ch == '\'') {
                    put(RELEASE);
                }
            }
            put((byte) ch);
        }
    }

    /** Writes the non-ASCII character at {@code i} as UTF-8 ('?' when UNOY cannot hold it); returns its last index. */
    private int utf8(String s, int i) throws IOException {
        char ch = s.charAt(i);
        int cp = ch;
        int last = i;
        if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            cp = Character.toCodePoint(ch, s.charAt(i + 1));
            last = i + 1;
        } else if (Character.isSurrogate(ch) || !SyntaxLevel.UNOY.allows(ch)) {
            put(RELEASE);
            put((byte) '?');
            return i;
        }
        if (cp < 0x800) {
            put((byte) (0xC0 | (cp >> 6)));
        } else if (cp < 0x10000) {
            put((byte) (0xE0 | (cp >> 12)));
            put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        } else {
            put((byte) (0xF0 | (cp >> 18)));
            put((byte) (0x80 | ((cp >> 12) & 0x3F)));
            put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        }
        put((byte) (0x80 | (cp & 0x3F)));
        return last;
    }

    private void put(byte b) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = b;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        handedOn += used;
        used = 0;
    }

    /** Bytes written so far, including those still buffered here. */
    public long size() {
        return handedOn + used;
    }

    private void flush() throws IOException {
        drain();
        out.flush();
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

    private static boolean isLatin1(char c) {
        return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF);
    }

    /** Writes what is buffered; the stream stays open (it belongs to the caller). */
    @Override
    public void close() throws IOException {
        flush();
    }
}
