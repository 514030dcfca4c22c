package org.edibatch.edifact;

/**
 * One syntax error, as CONTRL reports it.
 *
 * @param code             the error code from UN/EDIFACT code list 0085
 * @param segmentPosition  position of the segment inside its message, UNH = 1 (0 for interchange-level errors)
 * @param segmentTag       tag of the segment in error, or null
 * @param elementPosition  position of the data element in the segment (0 when the whole segment is in error)
 * @param componentPosition position of the component in a composite (0 when not applicable)
 * @param text             a plain-language explanation for the sender and the officers' report
 */
public record SyntaxError(String code, int segmentPosition, String segmentTag, int elementPosition,
                          int componentPosition, String text) {

    /** The longest text kept: a sender's value quoted in it must not make an error cost what the value does. */
    public static final int MAX_TEXT = 300;

    /** The longest part of a sender's value quoted in a text ({@link #quoted}). */
    public static final int MAX_QUOTED = 40;

    /**
     * The text and tag are made safe here, once, for every place they go (PostgreSQL refuses NUL in text, the
     * officers' report and a log line would carry any control character as it is).
     */
    public SyntaxError {
        text = safe(text, MAX_TEXT);
        segmentTag = segmentTag == null ? null : safe(segmentTag, 8);
    }

    /** A sender's value as an error text quotes it: control characters shown as {@code \xNN}, cut after {@value #MAX_QUOTED}. */
    public static String quoted(String value) {
        return safe(value, MAX_QUOTED);
    }

    /** {@code s} without control characters (written as {@code \\xNN}), cut to {@code max} characters with "...". */
    static String safe(String s, int max) {
        if (s == null) {
            return "";
        }
        boolean clean = s.length() <= max;
        for (int i = 0; i < s.length() && clean; i++) {
            char ch = s.charAt(i);
            clean = !control(ch) && !Character.isSurrogate(ch);
        }
        if (clean) {
            return s;
        }
        StringBuilder b = new StringBuilder(max + 8);
        for (int i = 0; i < s.length() && b.length() <= max; i++) {
            char ch = s.charAt(i);
            if (control(ch)) {
                b.append(String.format("\\x%02X", (int) ch));
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(ch).append(s.charAt(++i));
            } else if (Character.isSurrogate(ch)) {
                b.append('\uFFFD'); // a lone surrogate has no UTF-8 form
            } else {
                b.append(ch);
            }
        }
        if (b.length() > max) {
            int cut = Math.max(0, max - 3);
            if (cut > 0 && Character.isHighSurrogate(b.charAt(cut - 1))) {
                cut--;
            }
            b.setLength(cut);
            b.append("...");
        }
        return b.toString();
    }

    private static boolean control(char ch) {
        return ch < 0x20 || (ch >= 0x7F && ch < 0xA0);
    }

    public boolean isSegmentLevel() {
        return elementPosition <= 0;
    }
}
