package org.edibatch.edifact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a syntax error carries is safe for PostgreSQL, the report and a log, and bounded, whatever the sender sent. */
class SyntaxErrorTest {

    @Test
    void controlCharactersAreShownNotCarried() {
        SyntaxError e = new SyntaxError("21", 4, "NAD", 4, 1, "value 'A\u0000B\u001Bc\u0085'");
        assertThat(e.text()).isEqualTo("value 'A\\x00B\\x1Bc\\x85'");
    }

    @Test
    void aLongTextIsCutAndSaysSo() {
        SyntaxError e = new SyntaxError("39", 2, "BGM", 2, 0, "x".repeat(100_000));
        assertThat(e.text()).hasSize(SyntaxError.MAX_TEXT).endsWith("...");
        assertThat(SyntaxError.quoted("y".repeat(1000))).hasSize(SyntaxError.MAX_QUOTED).endsWith("...");
    }

    @Test
    void plainTextHangulAndPairedSurrogatesStayAsTheyAre() {
        String text = "한빛무역 \uD83D\uDE00 O'NEIL";
        assertThat(new SyntaxError("12", 1, "NAD", 1, 0, text).text()).isEqualTo(text);
        assertThat(SyntaxError.quoted("a\uD800b")).isEqualTo("a\uFFFDb");
    }

    @Test
    void aTagFromTheSenderIsBoundedToo() {
        assertThat(new SyntaxError("15", 1, "X\u0000".repeat(50), 0, 0, "t").segmentTag()).hasSizeLessThanOrEqualTo(8);
    }
}
