package org.edibatch.edifact;

/**
 * The character repertoires (syntax levels) the product accepts, and the check of one value against them.
 * Only syntax versions 3 and 4 are supported (versions 1 and 2 have other service segments and code lists);
 * UNOY exists only from syntax version 4 on.
 */
public enum SyntaxLevel {
    UNOA, UNOB, UNOC, UNOY;

    private static final String UNOA_PUNCTUATION = " .,-()/'+:=?!\"%&*;<>";

    /** @return the level of a supported syntax identifier and version, or null (0085 code 2) */
    public static SyntaxLevel of(String identifier, String version) {
        if (identifier == null || !("3".equals(version) || "4".equals(version))) {
            return null;
        }
        try {
            SyntaxLevel level = valueOf(identifier);
            if (level == UNOY && !"4".equals(version)) {
                return null;
            }
            return level;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes of this level's text: UTF-8 for UNOY, ISO 8859-1 (of which UNOA and UNOB are subsets) otherwise. */
    public java.nio.charset.Charset charset() {
        return this == UNOY ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.StandardCharsets.ISO_8859_1;
    }

    /** Index of the first character not allowed at this level, or -1. */
    public int firstInvalid(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            if (!allows(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public boolean allows(char c) {
        switch (this) {
            case UNOA:
                return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || UNOA_PUNCTUATION.indexOf(c) >= 0;
            case UNOB:
                return c >= 0x20 && c <= 0x7E;
            case UNOC:
                return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF);
            default:
                return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0);
        }
    }
}
