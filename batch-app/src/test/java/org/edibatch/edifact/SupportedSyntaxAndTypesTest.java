package org.edibatch.edifact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reader says of an interchange in a syntax we do not support (0085 code 2, alone, on S001) and of a
 * message we do not process (code 14 on the component of S009 that differs, the body neither checked nor kept),
 * in envelope mode and in full mode, as real EDIFACT from other software writes them.
 */
class SupportedSyntaxAndTypesTest {

    private static final String CUSDEC = "UNH+1+CUSDEC:D:96B:UN'BGM+929+HANBITTRDL26000001+9'UNT+3+1'";

    private static List<SyntaxError> interchangeErrors(String text, boolean full) throws Exception {
        try (InterchangeReader r = InterchangeReader.inbound(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), full)) {
            while (r.next() != null) {
                // the interchange errors are complete at the end
            }
            return r.interchangeErrors();
        }
    }

    private static List<EdifactMessage> messages(String text) throws Exception {
        try (InterchangeReader r = InterchangeReader.inbound(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), true)) {
            List<EdifactMessage> out = new ArrayList<>();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                out.add(m);
            }
            assertThat(r.interchangeErrors()).isEmpty();
            return out;
        }
    }

    @ParameterizedTest
    @CsvSource({"UNOA,1,2", "UNOB,2,2", "UNOC,2,2", "UNOY,3,2", "IATA,1,1", "IATB,1,1", "UNOX,3,1", "UNOZ,4,1"})
    void aSyntaxWeDoNotSupportIsCodeTwoAlone(String identifier, String version, int component) throws Exception {
        String date = "4".equals(version) ? "20261128" : "261128";
        String text = "UNB+" + identifier + ":" + version + "+HANBITTRD+KCS+" + date + ":0100+IC001'" + CUSDEC
                + "UNZ+1+IC001'";
        for (boolean full : new boolean[]{false, true}) {
            List<SyntaxError> errors = interchangeErrors(text, full);
            assertThat(errors).as(identifier + ":" + version).hasSize(1);
            SyntaxError e = errors.get(0);
            assertThat(e.code()).isEqualTo(SyntaxErrorCode.SYNTAX_LEVEL_NOT_SUPPORTED.code());
            assertThat(e.segmentTag()).isEqualTo("UNB");
            assertThat(e.elementPosition()).isEqualTo(1);
            assertThat(e.componentPosition()).isEqualTo(component);
        }
    }

    @ParameterizedTest
    @CsvSource({"UNOA,3", "UNOB,3", "UNOC,3", "UNOA,4", "UNOB,4", "UNOC,4", "UNOY,4"})
    void versionsThreeAndFourAreRead(String identifier, String version) throws Exception {
        String date = "4".equals(version) ? "20261128" : "261128";
        assertThat(interchangeErrors("UNB+" + identifier + ":" + version + "+HANBITTRD+KCS+" + date + ":0100+IC001'"
                + CUSDEC + "UNZ+1+IC001'", false)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "UNOC:3, 261128, INVOIC:D:96A:UN, BGM+380+123+9, 1",
            "UNOC:3, 261128, CUSRES:D:96B:UN, BGM+962+123+9, 1",
            "UNOC:3, 261128, APERAK:D:96B:UN, BGM+312+123+27, 1",
            "UNOC:4, 20261128, CUSDEC:D:03B:UN, BGM+929+X1+9, 3",
            "UNOC:4, 20261128, INVOIC:D:03B:UN, BGM+380+123+9, 1",
            "UNOC:3, 261128, CUSDEC:S:93A:UN, BGM+929+X1+9, 2",
            "UNOC:3, 261128, CUSDEC:D:96B:EN, BGM+929+X1+9, 4"})
    void aMessageWeDoNotProcessIsCodeFourteenOnItsIdentifierAlone(String syntax, String date, String identifier,
                                                                   String body, int component) throws Exception {
        String text = "UNB+" + syntax + "+HANBITTRD+KCS+" + date + ":0100+IC001'UNH+1+" + identifier + "'"
                + body + "'UNT+3+1'" + CUSDEC.replace("+1+", "+2+").replace("UNT+3+1", "UNT+3+2") + "UNZ+2+IC001'";
        List<EdifactMessage> messages = messages(text);
        assertThat(messages).hasSize(2);
        EdifactMessage refused = messages.get(0);
        assertThat(refused.errors()).as(identifier).containsExactly(new SyntaxError(
                SyntaxErrorCode.VALUE_NOT_SUPPORTED_IN_POSITION.code(), 1, "UNH", 2, component,
                refused.errors().get(0).text()));
        assertThat(refused.segments()).as("the body of a message not processed is not kept").isEmpty();
        // the CUSDEC beside it is read as ever: only its guide's findings (this one is far from complete, so its
        // segments are dropped at its first error, as any rejected message's)
        assertThat(messages.get(1).type()).isEqualTo("CUSDEC");
        assertThat(messages.get(1).errors()).isNotEmpty().noneMatch(e -> e.code().equals("14"));
    }

    @ParameterizedTest
    @CsvSource({"CUSDEC:D:96B:UN", "CONTRL:D:3:UN"})
    void whatSendersMaySendIsNotRefusedForItsType(String identifier) throws Exception {
        String text = "UNB+UNOC:3+HANBITTRD+KCS+261128:0100+IC001'UNH+1+" + identifier + "'UNT+2+1'UNZ+1+IC001'";
        assertThat(messages(text).get(0).errors()).noneMatch(e -> e.code().equals("14"));
    }
}
