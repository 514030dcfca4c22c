package org.edibatch.edifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A byte-level pass over an interchange that only follows its envelope: segment boundaries (with the release
 * character), UNH/UNT pairing, and the UNZ trailer. It is the fast path of the intake's envelope check: the
 * StAEDI pass costs as much per message as reading the message, while this one costs what reading the bytes
 * costs. It answers only for an interchange whose envelope is plainly well formed; for anything else (no
 * UNB, functional groups, a stray segment between messages, a control character, a UNZ that does not match,
 * a truncated file...) it answers {@code null} and the caller takes the thorough StAEDI pass, which finds and
 * codes the error. Findings inside messages are not the envelope's business: the customs step reports them.
 */
public final class EnvelopeScanner {

    /** What the envelope says: the message count (UNZ agrees with it), the first message type and the UNZ reference. */
    public record Summary(int messageCount, String firstMessageType, String controlReference) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private int pos;

    private byte component = ':';
    private byte element = '+';
    private byte release = '?';
    private byte terminator = '\'';

    private EnvelopeScanner(InputStream in) {
        this.in = in;
    }

    /** @return the summary, or null when the thorough pass must decide */
    public static Summary scan(InputStream in) throws IOException {
        return new EnvelopeScanner(in).run();
    }

    private Summary run() throws IOException {
        String first = tag();
        if (first == null && una()) {
            first = tag();
        }
        if (!"UNB".equals(first) || !skipData()) {
            return null;
        }
        int messages = 0;
        boolean open = false;
        String firstType = null;
        while (true) {
            skipLineBreaks();
            String tag = tag();
            if (tag == null) {
                return null; // truncated, or not a segment
            }
            switch (tag) {
                case "UNH" -> {
                    String[] unh = open ? null : elements(2, true);
                    if (unh == null || unh.length != 2) {
                        return null;
                    }
                    if (firstType == null) {
                        firstType = unh[1];
                    }
                    open = true;
                }
                case "UNT" -> {
                    if (!open || !skipData()) {
                        return null;
                    }
                    open = false;
                    messages++;
                }
                case "UNZ" -> {
                    String[] unz = open ? null : elements(2, false);
                    if (messages == 0 || unz == null || unz.length != 2 || !digits(unz[0]) || unz[0].length() > 6
                            || Integer.parseInt(unz[0]) != messages || unz[1].isEmpty()) {
                        return null;
                    }
                    skipLineBreaks();
                    return read() < 0 ? new Summary(messages, firstType, unz[1]) : null;
                }
                default -> {
                    if (!open || !skipData()) {
                        return null; // a segment outside any message (UNG, stray data): the thorough pass says what
                    }
                }
            }
        }
    }

    /**
     * After a {@link #tag()} that refused "UNA" (its fourth byte is a service character, not the default
     * separator): reads the six service characters. The repetition character (fifth) is not used here.
     */
    private boolean una() throws IOException {
        if (length < 9 || buffer[0] != 'U' || buffer[1] != 'N' || buffer[2] != 'A') {
            return false;
        }
        pos = 3;
        int[] c = new int[6];
        for (int i = 0; i < 6; i++) {
            c[i] = read();
            if (c[i] < 0x20) {
                return false;
            }
        }
        // A space as release character, or one character in two roles, is read by StAEDI otherwise than
        // literally (a space there means "no release character"): the thorough pass decides such an interchange.
        if (c[3] == ' ' || c[0] == c[1] || c[0] == c[3] || c[0] == c[5] || c[1] == c[3] || c[1] == c[5] || c[3] == c[5]) {
            return false;
        }
        component = (byte) c[0];
        element = (byte) c[1];
        release = (byte) c[3];
        terminator = (byte) c[5];
        skipLineBreaks();
        return true;
    }

    /** Three upper-case letters or digits followed by an element separator or the terminator (left unread). */
    private String tag() throws IOException {
        byte[] t = new byte[3];
        for (int i = 0; i < 3; i++) {
            int b = read();
            if (!((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))) {
                return null;
            }
            t[i] = (byte) b;
        }
        int next = read();
        if (next != element && next != terminator) {
            return null;
        }
        pos--;
        return new String(t, StandardCharsets.US_ASCII);
    }

    /**
     * Skips to the end of the segment; false on a control character, a truncated segment or a data element
     * longer than StAEDI reads ({@link InterchangeReader#MAX_ELEMENT_CHARS}: the thorough pass then refuses it).
     */
    private boolean skipData() throws IOException {
        int run = 0;
        while (true) {
            int b = read();
            if (b < 0x20) {
                return false; // also the end of the file
            }
            if (++run > InterchangeReader.MAX_ELEMENT_CHARS) {
                return false;
            }
            if (b == release) {
                if (read() < 0x20) {
                    return false;
                }
            } else if (b == terminator) {
                return true;
            } else if (b == element || b == component) {
                run = 0;
            }
        }
    }

    /**
     * The rest of the segment as at most {@code max} elements, each its first component; null on anything
     * the thorough pass should judge (more elements, components where none belong, a release character, a
     * control character, a truncated segment).
     */
    private String[] elements(int max, boolean components) throws IOException {
        String[] out = new String[max];
        int n = -1;
        StringBuilder value = null;
        boolean firstComponent = true;
        while (true) {
            int b = read();
            if (b < 0x20 || b == release) {
                return null;
            }
            if (b == element) {
                if (n >= 0) {
                    out[n] = value.toString();
                }
                if (++n == max) {
                    return null;
                }
                value = new StringBuilder();
                firstComponent = true;
            } else if (b == terminator) {
                if (n < 0) {
                    return new String[0];
                }
                out[n] = value.toString();
                return java.util.Arrays.copyOf(out, n + 1);
            } else if (n < 0) {
                return null;
            } else if (b == component) {
                if (!components) {
                    return null;
                }
                firstComponent = false;
            } else if (firstComponent) {
                if (value.length() == InterchangeReader.MAX_ELEMENT_CHARS) {
                    return null;
                }
                value.append((char) b);
            }
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void skipLineBreaks() throws IOException {
        int b;
        do {
            b = read();
        } while (b == '\r' || b == '\n');
        if (b >= 0) {
            pos--;
        }
    }

    /** The next byte (0-255), or -1 at the end of the file. */
    private int read() throws IOException {
        if (pos == length) {
            length = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (length <= 0) {
                length = 0;
                return -1;
            }
        }
        return buffer[pos++] & 0xFF;
    }
}
