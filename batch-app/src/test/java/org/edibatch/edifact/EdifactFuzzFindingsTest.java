package org.edibatch.edifact;

import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.SampleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs the fuzz properties (org.edibatch.fuzz) found to break the readers, kept as regression tests. */
class EdifactFuzzFindingsTest {

    /**
     * A UNA naming a space as release character: StAEDI reads it as "no release character" and cannot read the
     * interchange past its first released terminator, while the byte-level scan took the space literally and
     * passed the envelope, so the claim accepted a file its thorough pass refuses (and the customs step then
     * answered one message for the whole rest of the file).
     */
    @Test
    void aSpaceAsReleaseCharacterIsLeftToTheThoroughPass() throws Exception {
        byte[] b = SampleSet.generate().get("good-una-release-004.edi").clone();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '?') {
                b[i] = ' ';
            } else if (b[i] == ' ') {
                b[i] = '?';
            }
        }
        assertThat(new String(b, 0, 9, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("UNA:+. ?'");

        assertThat(EnvelopeScanner.scan(new ByteArrayInputStream(b))).isNull();
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(b), false)) {
            assertThatThrownBy(() -> {
                while (r.next() != null) {
                    // the thorough pass: refuses the interchange
                }
            }).isInstanceOf(EdifactFormatException.class)
                    .satisfies(e -> assertThat(((EdifactFormatException) e).code()).isEqualTo(SyntaxErrorCode.MISSING.code()));
        }
    }

    @Test
    void aUnaWithOneCharacterInTwoRolesIsLeftToTheThoroughPass() throws Exception {
        String text = new String(SampleSet.generate().get("good-una-release-004.edi"), java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] b = ("UNA++.? '" + text.substring(9)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(EnvelopeScanner.scan(new ByteArrayInputStream(b))).isNull();
        // the sample itself still takes the fast path
        assertThat(EnvelopeScanner.scan(new ByteArrayInputStream(SampleSet.generate().get("good-una-release-004.edi"))))
                .isNotNull();
    }

    private static byte[] three(String ref, java.util.function.UnaryOperator<String> damage) {
        Interchange i = Interchange.from("HANBITTRD", ref);
        for (int n = 1; n <= 3; n++) {
            i.message(Cusdec.declaration(ref + "D" + n).item("9503003900", "CN", "100", "PCE", "800.00"));
        }
        return i.rewrite(damage).bytes();
    }

    /**
     * A segment tagged UNB inside a message (a flipped byte made one of UNS): the validating read rebuilt the
     * interchange's header from it, so the reader's sender and syntax became empty and a false code 2 (syntax not
     * supported) was added to the interchange, which the claim's pass had not found.
     */
    @Test
    void aUnbInsideAMessageIsThatMessagesErrorNotANewHeader() throws Exception {
        byte[] b = three("FZUNB", t -> t.replaceFirst("UNS\\+D'", "UNB+D'"));
        try (InterchangeReader r = InterchangeReader.inbound(new ByteArrayInputStream(b), true)) {
            EdifactMessage first = r.next();
            assertThat(first.hasErrors()).isTrue();
            assertThat(first.errors()).anyMatch(e -> "UNB".equals(e.segmentTag()));
            assertThat(r.next().hasErrors()).isFalse();
            assertThat(r.next().hasErrors()).isFalse();
            assertThat(r.next()).isNull();
            assertThat(r.interchangeErrors()).isEmpty();
            assertThat(r.header().sender()).isEqualTo("HANBITTRD");
            assertThat(r.header().syntaxIdentifier()).isEqualTo("UNOC");
        }
    }

    /** A second UNB between two messages: the header stays the first one's and the interchange is refused. */
    @Test
    void aSecondUnbBeforeTheUnzRefusesTheInterchangeAndKeepsTheFirstHeader() throws Exception {
        byte[] b = three("FZUNB2", t -> t.replaceFirst("UNH\\+2\\+", "UNB+UNOC:3+OTHERCO+KCS+261125:0900+FZX'\nUNH+2+"));
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(b), false)) {
            while (r.next() != null) {
                // envelope pass, as the claim
            }
            assertThat(r.header().sender()).isEqualTo("HANBITTRD");
            assertThat(r.interchangeErrors()).extracting(SyntaxError::code)
                    .contains(SyntaxErrorCode.NOT_SUPPORTED_IN_POSITION.code());
        } catch (EdifactFormatException e) {
            // StAEDI may refuse to read on: the interchange is then refused whole, which is as good
            assertThat(e.code()).isNotBlank();
        }
    }
}
