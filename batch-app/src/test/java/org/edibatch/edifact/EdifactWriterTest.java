package org.edibatch.edifact;

import org.edibatch.ack.CusresBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edibatch.edifact.EdifactWriter.c;

class EdifactWriterTest {

    @Test
    void writesSegmentsWithReleaseCharactersAndWithoutTrailingSeparators() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange("KCS", "HANBITTRD", "261128", "0100", "R1");
        w.startMessage("1", "CUSRES", "D", "96B", "UN");
        w.segment("FTX", "AAO", null, null, c("O'NEIL + SONS? a:b * c", "", null), null, "");
        w.segment("RFF", c("ABT", "", null));
        w.segment("ERC", c("E01", null, "KCS"));
        w.segment("FTX", "AAA", c("", "b"), "non-Latin-1 \uD55C becomes ?");
        w.endMessage();
        w.endInterchange();

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("UNB+UNOC:3+KCS+HANBITTRD+261128:0100+R1'"
                + "UNH+1+CUSRES:D:96B:UN'"
                + "FTX+AAO+++O?'NEIL ?+ SONS?? a?:b * c'"
                + "RFF+ABT'"
                + "ERC+E01::KCS'"
                + "FTX+AAA+:b+non-Latin-1 ?? becomes ??'"
                + "UNT+6+1'"
                + "UNZ+1+R1'");
    }

    @Test
    void answersReadBackWithoutErrorsThroughTheValidatingReader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange("KCS", "HANBITTRD", "261128", "0100", "R1");
        LocalDate day = LocalDate.of(2026, 11, 28);
        // more than the writer's buffer, so that flushing in the middle of a segment is exercised
        for (int i = 1; i <= 600; i++) {
            CusresBuilder.write(w, Integer.toString(i), day, new CusresBuilder.Answer("HANBIT+L26:" + i + "'?",
                    LocalDate.of(2026, 11, 25), false, null, null, null, null, null, null, null,
                    List.of(new CusresBuilder.Error("E01", "BGM+1", "value 'x' + y: z?"))));
            if (i == 300) {
                assertThat(w.size()).as("counts what is still buffered").isGreaterThan(out.size());
            }
        }
        w.endInterchange();
        assertThat(out.size()).isGreaterThan(1 << 16);
        assertThat(w.size()).isEqualTo(out.size());

        List<EdifactMessage> messages = new ArrayList<>();
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(out.toByteArray()), true)) {
            EdifactMessage m;
            while ((m = r.next()) != null) {
                messages.add(m);
            }
            assertThat(r.interchangeErrors()).isEmpty();
        }
        assertThat(messages).hasSize(600).allSatisfy(m -> assertThat(m.errors()).isEmpty());
        Segment rff = messages.get(599).segments().stream().filter(s -> s.tag().equals("RFF")).findFirst().orElseThrow();
        assertThat(rff.value(1, 2)).isEqualTo("HANBIT+L26:600'?");
    }

    @Test
    void acceptedAnswerCarriesTheAssessedAmounts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange("KCS", "HANBITTRD", "261128", "0100", "R2");
        CusresBuilder.write(w, "1", LocalDate.of(2026, 11, 28), new CusresBuilder.Answer("HANBITL26000001",
                LocalDate.of(2026, 11, 25), true, "KCS26112512345678", new BigDecimal("13985000"), null,
                new BigDecimal("1118800"), new BigDecimal("1510380"), "G", "Green, score 10", List.of()));
        w.endInterchange();
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).contains("BGM+962+KCS26112512345678+29'").contains("FTX+AAO+++Green, score 10'GIS+1'")
                .contains("TAX+7+CUD'MOA+40:13985000:KRW'MOA+124:1118800:KRW'")
                .contains("TAX+7+VAT+++:::10'MOA+124:1510380:KRW'").endsWith("UNZ+1+R2'");
    }

    /** The buffer is handed on whenever it fills, in the middle of a segment or of a value: the bytes stay the same. */
    @Test
    void theBytesDoNotDependOnTheBufferSize() throws Exception {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            longText.append(i % 7 == 0 ? "?+:'" : "abc\u00e9").append(i % 50 == 0 ? "\uD55C\uD83D\uDE00" : "");
        }
        byte[] reference = null;
        for (int size : new int[]{1, 2, 3, 7, 64, 1024, 1 << 16}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EdifactWriter w = new EdifactWriter(out, size);
            w.startInterchange("KCS", "HANBITTRD", "261128", "0100", "R3");
            w.startMessage("1", "CUSRES", "D", "96B", "UN");
            for (int k = 0; k < 40; k++) {
                w.segment("FTX", "AAO", null, null, c("line " + k + " O'NEIL + SONS? \u0100", "", longText.substring(0, k * 60)));
            }
            w.segment("FTX", "AAA", null, null, c(longText.toString()));
            w.endMessage();
            w.endInterchange();
            if (reference == null) {
                reference = out.toByteArray();
            } else {
                assertThat(out.toByteArray()).as("buffer of %d bytes", size).isEqualTo(reference);
            }
            assertThat(w.size()).isEqualTo(out.size());
        }
        String text = new String(reference, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("FTX+AAO+++line 0 O?'NEIL ?+ SONS?? ??'")
                .contains("abc\u00e9???+?:?'").contains("??????").endsWith("UNZ+1+R3'");
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(reference), false)) {
            while (r.next() != null) {
                // read to the end: the envelope must hold
            }
            assertThat(r.interchangeErrors()).isEmpty();
        }
    }
}
