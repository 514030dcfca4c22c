package org.edibatch.intake;

import org.edibatch.edifact.EnvelopeScanner;
import org.edibatch.samples.HostileCorpus;
import org.edibatch.samples.SampleSet;
import org.edibatch.xml.CsvReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope check's fast byte-level path must give exactly what the thorough StAEDI pass gives, for every
 * sample interchange (good and bad) and for envelope oddities written here; and it must actually be taken for
 * well-formed interchanges, or it would be no faster.
 */
class EnvelopeCheckTest {

    private static final String BODY = "UNH+1+CUSDEC:D:96B:UN'BGM+929+HANBITTRDL26000001+9'UNT+3+1'";

    private static Map<String, byte[]> cases() {
        Map<String, byte[]> cases = new LinkedHashMap<>(SampleSet.generate());
        String unb = "UNB+UNOC:3+HANBITTRD+KCS+261128:0100+IC001'";
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("plain", unb + BODY + "UNZ+1+IC001'");
        odd.put("line-breaks", unb + "\r\n" + BODY.replace("'", "'\n") + "UNZ+1+IC001'\r\n");
        odd.put("una-custom", "UNA|*.# ~UNB*UNOC|3*HANBITTRD*KCS*261128|0100*IC001~"
                + "UNH*1*CUSDEC|D|96B|UN~BGM*929*HANBIT#*L26~UNT*3*1~UNZ*1*IC001~");
        odd.put("released-in-body", unb + "UNH+1+CUSDEC:D:96B:UN'FTX+AAA+++O?'NEIL ?+ SONS??'UNT+3+1'UNZ+1+IC001'");
        odd.put("released-in-unh-ref", unb + "UNH+1?+2+CUSDEC:D:96B:UN'UNT+2+1?+2'UNZ+1+IC001'");
        odd.put("count-mismatch", unb + BODY + "UNZ+2+IC001'");
        odd.put("ref-mismatch", unb + BODY + "UNZ+1+IC002'");
        odd.put("unz-trailing-separator", unb + BODY + "UNZ+1+IC001+'");
        odd.put("unz-component", unb + BODY + "UNZ+1:2+IC001'");
        odd.put("garbage-after-unz", unb + BODY + "UNZ+1+IC001'XYZ");
        odd.put("truncated", unb + BODY);
        odd.put("truncated-in-message", unb + "UNH+1+CUSDEC:D:96B:UN'BGM+929+X");
        odd.put("stray-segment", unb + BODY + "BGM+929+X'UNZ+1+IC001'");
        odd.put("groups", unb + "UNG+CUSDEC+HANBITTRD+KCS+261128:0100+G1+UN+D:96B'" + BODY + "UNE+1+G1'UNZ+1+IC001'");
        odd.put("nested-unh", unb + "UNH+1+CUSDEC:D:96B:UN'UNH+2+CUSDEC:D:96B:UN'UNT+2+2'UNT+3+1'UNZ+1+IC001'");
        odd.put("tab-in-data", unb + "UNH+1+CUSDEC:D:96B:UN'FTX+AAA+++A\tB'UNT+3+1'UNZ+1+IC001'");
        odd.put("empty", "");
        odd.put("not-edifact", "<?xml version=\"1.0\"?><x/>");
        odd.put("wrong-recipient", "UNB+UNOC:3+HANBITTRD+NOTUS+261128:0100+IC001'" + BODY + "UNZ+1+IC001'");
        odd.put("unknown-sender", "UNB+UNOC:3+NOBODY+KCS+261128:0100+IC001'" + BODY + "UNZ+1+IC001'");
        odd.put("bad-unb-date", "UNB+UNOC:3+HANBITTRD+KCS+261399:0100+IC001'" + BODY + "UNZ+1+IC001'");
        odd.put("no-messages", unb + "UNZ+0+IC001'");
        odd.forEach((k, v) -> cases.put("odd-" + k, v.getBytes(StandardCharsets.ISO_8859_1)));
        for (HostileCorpus.Kind kind : HostileCorpus.Kind.values()) {
            if (!kind.large()) {
                cases.put("hostile-" + kind, HostileCorpus.of(kind, 3).bytes());
            }
        }
        cases.put("odd-unoy-hangul", ("UNB+UNOY:4+HANBITTRD+KCS+20261128:0100+IC001'UNH+1+CUSDEC:D:96B:UN'"
                + "FTX+AAA+++\uD55C\uAE00'UNT+3+1'UNZ+1+IC001'").getBytes(StandardCharsets.UTF_8));
        return cases;
    }

    @Test
    void theFastPathGivesWhatTheThoroughPassGives(@TempDir Path dir) throws Exception {
        EnvelopeCheck check = new EnvelopeCheck(new CsvReference(), "KCS");
        int fast = 0;
        for (Map.Entry<String, byte[]> c : cases().entrySet()) {
            Path file = dir.resolve(c.getKey());
            Files.write(file, c.getValue());
            assertThat(check.check(file)).as(c.getKey()).isEqualTo(check.thorough(file));
            if (EnvelopeScanner.scan(new ByteArrayInputStream(c.getValue())) != null) {
                fast++;
            }
        }
        assertThat(fast).as("interchanges taken by the fast path").isGreaterThan(20);
    }

    /** The syntax allows 999,999 messages (UNZ 0036 is n..6); StAEDI's control schema stops at 99,999. */
    @Test
    void anInterchangeOfMoreThan99999MessagesIsAcceptedByBothPaths(@TempDir Path dir) throws Exception {
        int messages = 100_002;
        Path file = dir.resolve("large.edi");
        try (var out = new java.io.BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1))) {
            out.write("UNB+UNOC:3+HANBITTRD+KCS+261128:0100+IC001'");
            for (int i = 1; i <= messages; i++) {
                out.write("UNH+" + i + "+CUSDEC:D:96B:UN'UNT+2+" + i + "'");
            }
            out.write("UNZ+" + messages + "+IC001'");
        }
        EnvelopeCheck check = new EnvelopeCheck(new CsvReference(), "KCS");

        EnvelopeCheck.Result thorough = check.thorough(file);

        assertThat(thorough.errors()).isEmpty();
        assertThat(thorough.messageCount()).isEqualTo(messages);
        assertThat(check.check(file)).isEqualTo(thorough);
    }

    @Test
    void wellFormedInterchangesTakeTheFastPath() throws Exception {
        for (Map.Entry<String, byte[]> c : cases().entrySet()) {
            String name = c.getKey();
            if (name.startsWith("good-") || name.equals("odd-plain") || name.equals("odd-line-breaks")
                    || name.equals("odd-una-custom") || name.equals("odd-released-in-body")
                    || name.equals("odd-unoy-hangul")) {
                assertThat(EnvelopeScanner.scan(new ByteArrayInputStream(c.getValue()))).as(name).isNotNull();
            }
        }
        // (a UNZ reference that differs from the UNB's is caught by the check, which compares the two)
        for (String name : new String[]{"odd-count-mismatch", "odd-no-messages", "odd-unz-trailing-separator",
                "odd-garbage-after-unz", "odd-truncated", "odd-stray-segment", "odd-groups", "odd-nested-unh",
                "odd-tab-in-data", "odd-empty", "odd-not-edifact"}) {
            assertThat(EnvelopeScanner.scan(new ByteArrayInputStream(cases().get(name)))).as(name).isNull();
        }
    }

    /**
     * What the customs step could not read, or would leave unanswered, is refused whole here, with its code; what
     * only a message has wrong passes, for the customs step to refuse that message.
     */
    @ParameterizedTest
    @CsvSource({"NUL_IN_MESSAGE, ", "DUPLICATE_MESSAGE_REFERENCE, ", "LONG_ELEMENT, 39", "MISSING_UNT, 13", "MISSING_LAST_UNT, 13",
            "SECOND_INTERCHANGE, 15", "TRAILING_DATA, 15"})
    void hostileInterchangesAreRefusedWholeWithTheirCodeOrPassedOn(HostileCorpus.Kind kind, String code,
                                                                    @TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("hostile.edi"), HostileCorpus.of(kind, 11).bytes());
        EnvelopeCheck.Result r = new EnvelopeCheck(new CsvReference(), "KCS").check(file);
        assertThat(r.readable()).isTrue();
        if (code == null) {
            assertThat(r.accepted()).as(r.errors().toString()).isTrue();
            assertThat(r.messageCount()).isEqualTo(3);
        } else {
            assertThat(r.accepted()).isFalse();
            assertThat(r.errors()).first().extracting(org.edibatch.edifact.SyntaxError::code).isEqualTo(code);
        }
    }
}
