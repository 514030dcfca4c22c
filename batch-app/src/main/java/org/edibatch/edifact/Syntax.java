package org.edibatch.edifact;

/**
 * A syntax identifier and version (UNB S001) as the product writes answers in. A sender is answered in its own
 * syntax, which its translator expects (UNOY with UTF-8 text and the v4 date forms included), unless its partner
 * profile names another; a sender whose syntax is not supported (refused with code 2) gets UNOC version 3.
 */
public record Syntax(SyntaxLevel level, String version) {

    public static final Syntax DEFAULT = new Syntax(SyntaxLevel.UNOC, "3");

    /** @throws IllegalArgumentException unless {@code text} is a supported identifier:version such as UNOY:4 */
    public static Syntax parse(String text) {
        String[] parts = text.split(":", -1);
        SyntaxLevel level = parts.length == 2 ? SyntaxLevel.of(parts[0], parts[1]) : null;
        if (level == null) {
            throw new IllegalArgumentException("not a supported syntax identifier:version: " + text
                    + " (UNOA, UNOB, UNOC with 3 or 4; UNOY with 4)");
        }
        return new Syntax(level, parts[1]);
    }

    /**
     * The syntax of an answer to an interchange written in {@code identifier} and {@code version}.
     *
     * @param profile the partner profile's answer syntax (identifier:version), null or empty for none
     */
    public static Syntax forAnswer(String identifier, String version, String profile) {
        if (profile != null && !profile.isEmpty()) {
            return parse(profile);
        }
        SyntaxLevel level = SyntaxLevel.of(identifier, version);
        return level == null ? DEFAULT : new Syntax(level, version);
    }

    /** Version 4 writes the preparation date with its century (UNB 0017 n8), version 3 without (n6). */
    public boolean fullDates() {
        return "4".equals(version);
    }

    @Override
    public String toString() {
        return level + ":" + version;
    }
}
