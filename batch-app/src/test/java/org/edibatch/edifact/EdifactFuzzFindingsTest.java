package org.edibatch.edifact;

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
}
