package org.edibatch.edifact;

import org.edibatch.samples.HostileCorpus;
import org.edibatch.samples.SampleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterchangeReaderTest {

    private static Map<String, byte[]> samples;

    @BeforeAll
    static void generate() {
        samples = SampleSet.generate();
    }

    private record Read(InterchangeHeader header, List<EdifactMessage> messages, List<SyntaxError> interchangeErrors) {
    }

    private static Read read(String name) throws Exception {
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(samples.get(name)), true)) {
            List<EdifactMessage> messages = new ArrayList<>();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                messages.add(m);
            }
            return new Read(r.header(), messages, r.interchangeErrors());
        }
    }

    @Test
    void goodInterchangesHaveNoErrors() throws Exception {
        for (String name : samples.keySet()) {
            if (!name.startsWith("good-")) {
                continue;
            }
            Read r = read(name);
            assertThat(r.interchangeErrors()).as(name).isEmpty();
            assertThat(r.messages()).as(name).isNotEmpty().allSatisfy(m -> assertThat(m.errors()).as(name).isEmpty());
        }
    }

    /**
     * Past StAEDI's 99,999 messages per interchange nothing piles up at interchange level: the reader of a huge
     * interchange holds its current message, not an error for every message read so far.
     */
    @Test
    void messagesPast99999AreNoInterchangeErrors() throws Exception {
        int messages = 100_002;
        StringBuilder b = new StringBuilder("UNB+UNOC:3+HANBITTRD+KCS+261128:0100+IC001'");
        for (int i = 1; i <= messages; i++) {
            b.append("UNH+").append(i).append("+CUSDEC:D:96B:UN'UNT+2+").append(i).append('\'');
        }
        b.append("UNZ+").append(messages).append("+IC001'");
        try (InterchangeReader r = InterchangeReader.open(
                new ByteArrayInputStream(b.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), true)) {
            int read = 0;
            while (r.next() != null) {
                read++;
            }
            assertThat(read).isEqualTo(messages);
            assertThat(r.interchangeErrors()).isEmpty();
        }
    }

    @Test
    void releaseCharacterAndUnaAreHonoured() throws Exception {
        Read r = read("good-una-release-004.edi");
        Segment nad = r.messages().get(0).segments().stream().filter(s -> s.tag().equals("NAD")).findFirst().orElseThrow();
        assertThat(nad.value(4, 1)).isEqualTo("BUSAN FRESH O'NEIL + SONS");
    }

    @Test
    void unoySyntaxFourKeepsHangul() throws Exception {
        Read r = read("good-unoy-005.edi");
        assertThat(r.header().syntaxVersion()).isEqualTo("4");
        Segment nad = r.messages().get(0).segments().stream().filter(s -> s.tag().equals("NAD")).findFirst().orElseThrow();
        assertThat(nad.value(4, 1)).isEqualTo("한빛무역 주식회사");
    }

    @ParameterizedTest
    @CsvSource({
            "bad-0085-12-invalid-value.edi, 12, 2, BGM, 3",
            "bad-0085-13-missing.edi, 13, 2, BGM, 0",
            "bad-0085-16-too-many-constituents.edi, 16, 3, DTM, 2",
            "bad-0085-21-invalid-character.edi, 21, 4, NAD, 4",
            "bad-0085-26-duplicate-message-ref.edi, 26, 1, UNH, 1",
            "bad-0085-28-unt-reference.edi, 28, 13, UNT, 2",
            "bad-0085-29-unt-count.edi, 29, 13, UNT, 1",
            "bad-0085-35-too-many-repetitions.edi, 35, 8, DTM, 0",
            "bad-0085-37-invalid-character-type.edi, 37, 9, MEA, 3",
            "bad-0085-39-too-long.edi, 39, 2, BGM, 2",
            "bad-0085-40-too-short.edi, 40, 3, DTM, 1",
            "bad-0085-45-trailing-separator.edi, 45, 12, CNT, 2",
    })
    void eachBadMessageGetsItsCodeAndPositionAndTheOthersStayClean(String file, String code, int segment,
                                                                   String tag, int element) throws Exception {
        Read r = read(file);
        assertThat(r.interchangeErrors()).isEmpty();
        EdifactMessage bad = r.messages().stream().filter(EdifactMessage::hasErrors).findFirst().orElseThrow();
        assertThat(bad.errors()).first().satisfies(e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.segmentPosition()).isEqualTo(segment);
            assertThat(e.segmentTag()).isEqualTo(tag);
            assertThat(e.elementPosition()).isEqualTo(element);
        });
        assertThat(r.messages().stream().filter(EdifactMessage::hasErrors)).hasSize(1);
        assertThat(r.messages()).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"bad-0085-29-unz-count.edi, 29", "bad-0085-28-unz-reference.edi, 28"})
    void envelopeErrorsAreInterchangeLevel(String file, String code) throws Exception {
        Read r = read(file);
        assertThat(r.interchangeErrors()).extracting(SyntaxError::code).containsExactly(code);
        assertThat(r.messages()).allSatisfy(m -> assertThat(m.errors()).isEmpty());
    }

    @Test
    void textThatIsNotEdifactIsRefusedAtOpen() {
        assertThatThrownBy(() -> InterchangeReader.open(new ByteArrayInputStream(samples.get("bad-not-edifact.txt")), true))
                .isInstanceOf(EdifactFormatException.class);
    }

    private static Read read(byte[] bytes, boolean full) throws Exception {
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(bytes), full)) {
            List<EdifactMessage> messages = new ArrayList<>();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                messages.add(m);
            }
            return new Read(r.header(), messages, r.interchangeErrors());
        }
    }

    private static byte[] hostile(HostileCorpus.Kind kind) {
        return HostileCorpus.of(kind, 7).bytes();
    }

    /** A NUL (or any control character) from the sender is shown as \x00 in the error's text, never carried. */
    @Test
    void aNulByteInAMessageRefusesItWithASafeText() throws Exception {
        Read r = read(hostile(HostileCorpus.Kind.NUL_IN_MESSAGE), true);
        assertThat(r.interchangeErrors()).isEmpty();
        assertThat(r.messages()).hasSize(3);
        EdifactMessage bad = r.messages().stream().filter(EdifactMessage::hasErrors).findFirst().orElseThrow();
        assertThat(bad.errors()).extracting(SyntaxError::code).contains("21");
        assertThat(bad.errors()).allSatisfy(e -> assertThat(e.text()).doesNotContainPattern("[\\x00-\\x1F]"))
                .anySatisfy(e -> assertThat(e.text()).contains("\\x00"));
        assertThat(r.messages().stream().filter(EdifactMessage::hasErrors)).hasSize(1);
    }

    @Test
    void aSenderValueQuotedInAnErrorIsCut() throws Exception {
        String value = "X".repeat(300);
        Read r = read(("UNB+UNOC:3+HANBITTRD+KCS+261128:0100+IC001'UNH+1+CUSDEC:D:96B:UN'BGM+929+" + value
                + "+9'UNT+3+1'UNZ+1+IC001'").getBytes(StandardCharsets.ISO_8859_1), true);
        SyntaxError tooLong = r.messages().get(0).errors().stream().filter(e -> e.code().equals("39")).findFirst()
                .orElseThrow();
        assertThat(tooLong.text()).hasSizeLessThan(100).contains("XXX...");
    }

    /**
     * A message of a million repeated segments keeps its first errors, holds no segment, and costs seconds: past
     * its bound it is no longer validated, and says how much it left unchecked. The message after it is validated
     * again.
     */
    @Test
    void errorsPerMessageAreBoundedCountedAndCheap() throws Exception {
        int repeated = 200_000;
        StringBuilder b = new StringBuilder("UNB+UNOC:3+HANBITTRD+KCS+261128:0100+IC001'UNH+1+CUSDEC:D:96B:UN'"
                + "BGM+929+HB1+9'");
        b.append("FTX+AAI+++X'".repeat(repeated));
        b.append("UNT+").append(repeated + 3).append("+1'");
        b.append("UNH+2+CUSDEC:D:96B:UN'BGM+929+HB2+99'UNT+3+2'UNZ+2+IC001'");
        long start = System.nanoTime();
        Read r = read(b.toString().getBytes(StandardCharsets.ISO_8859_1), true);
        long millis = (System.nanoTime() - start) / 1_000_000;
        EdifactMessage first = r.messages().get(0);
        assertThat(first.errors()).hasSize(InterchangeReader.MAX_ERRORS_PER_MESSAGE);
        assertThat(first.uncheckedSegments()).isGreaterThan(repeated - InterchangeReader.MAX_ERRORS_PER_MESSAGE);
        assertThat(first.segments()).isEmpty();
        // validated again: its invalid BGM code is found, and the UNT's count matched the first one's
        assertThat(r.messages().get(1).errors()).extracting(SyntaxError::code).contains("12").doesNotContain("29");
        assertThat(r.interchangeErrors()).isEmpty();
        assertThat(millis).as("ms for %d repeated segments", repeated).isLessThan(10_000);
    }

    @ParameterizedTest
    @CsvSource({"MISSING_UNT", "MISSING_LAST_UNT"})
    void aMessageWithoutUntRefusesTheInterchange(HostileCorpus.Kind kind) throws Exception {
        for (boolean full : new boolean[]{false, true}) {
            Read r = read(hostile(kind), full);
            assertThat(r.interchangeErrors()).first().satisfies(e -> {
                assertThat(e.code()).isEqualTo("13");
                assertThat(e.segmentTag()).isEqualTo("UNT");
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"SECOND_INTERCHANGE, UNB", "TRAILING_DATA, UNZ"})
    void anythingAfterTheUnzRefusesTheInterchange(HostileCorpus.Kind kind, String tag) throws Exception {
        Read r = read(hostile(kind), false);
        assertThat(r.interchangeErrors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("15");
            assertThat(e.segmentTag()).isEqualTo(tag);
        });
    }

    @Test
    void lineBreaksAfterTheUnzAreNoData() throws Exception {
        byte[] good = samples.get("good-hanbit-001.edi");
        byte[] withBreaks = (new String(good, StandardCharsets.ISO_8859_1) + "\r\n\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(withBreaks, false).interchangeErrors()).isEmpty();
    }

    @Test
    void anElementLongerThanStaediReadsIsCode39() {
        assertThatThrownBy(() -> read(hostile(HostileCorpus.Kind.LONG_ELEMENT), false))
                .isInstanceOfSatisfying(EdifactFormatException.class, e -> assertThat(e.code()).isEqualTo("39"));
    }

    /** A reader that must answer what it cannot read gets it as one refused message, and nothing after it. */
    @Test
    void whatCannotBeReadIsRefusedAsOneMessage() throws Exception {
        try (InterchangeReader r = InterchangeReader.open(
                new ByteArrayInputStream(hostile(HostileCorpus.Kind.LONG_ELEMENT)), true)) {
            List<EdifactMessage> read = new ArrayList<>();
            EdifactFormatException failure = null;
            try {
                EdifactMessage m;
                while ((m = r.next()) != null) {
                    read.add(m);
                }
            } catch (EdifactFormatException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            EdifactMessage refused = r.unreadable(failure);
            assertThat(refused.index()).isEqualTo(read.size());
            assertThat(refused.reference()).isEqualTo(Integer.toString(read.size() + 1));
            assertThat(refused.type()).isEqualTo("CUSDEC");
            assertThat(refused.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("39");
                assertThat(e.segmentTag()).isEqualTo("UNH");
            });
            assertThat(r.next()).isNull();
        }
    }
}
