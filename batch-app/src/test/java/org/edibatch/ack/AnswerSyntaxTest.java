package org.edibatch.ack;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.Segment;
import org.edibatch.edifact.Syntax;
import org.edibatch.edifact.SyntaxError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers are written in the syntax they are answered in: its identifier and version in UNB, its date form, its
 * repertoire (UNOY's Hangul intact as UTF-8, UNOA in capitals); and what a CONTRL echoes of a sender fits the
 * lengths of the elements it is echoed in. Every answer reads back without error through the validating reader.
 */
class AnswerSyntaxTest {

    private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 28, 1, 30);
    private static final String HANGUL = "\uD55C\uBE5B\uBB34\uC5ED \uC8FC\uC2DD\uD68C\uC0AC"; // 한빛무역 주식회사

    private static byte[] cusres(Syntax syntax, String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange(syntax, "KCS", "MIRAECS", AT, "RS1");
        CusresBuilder.write(w, "1", AT.toLocalDate(), new CusresBuilder.Answer("MC2611250001",
                LocalDate.of(2026, 11, 25), false, null, null, null, null, null, null, null,
                List.of(new CusresBuilder.Error("C110", "header NAD+IM", text))));
        w.endInterchange();
        return out.toByteArray();
    }

    private static List<EdifactMessage> readValid(byte[] answer) throws Exception {
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(answer), true)) {
            List<EdifactMessage> messages = new ArrayList<>();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                assertThat(m.errors()).as("errors in %s", new String(answer, StandardCharsets.UTF_8)).isEmpty();
                messages.add(m);
            }
            assertThat(r.interchangeErrors()).isEmpty();
            return messages;
        }
    }

    private static String ftx(EdifactMessage m) {
        return m.segments().stream().filter(s -> s.tag().equals("FTX")).findFirst().map(s -> s.value(4, 1))
                .orElseThrow();
    }

    @Test
    void aUnoySenderGetsItsHangulBackAsUtf8WithVersion4Dates() throws Exception {
        byte[] answer = cusres(new Syntax(org.edibatch.edifact.SyntaxLevel.UNOY, "4"), "importer " + HANGUL + " ?");
        String text = new String(answer, StandardCharsets.UTF_8);
        assertThat(text).startsWith("UNB+UNOY:4+KCS+MIRAECS+20261128:0130+RS1'").contains(HANGUL);
        assertThat(ftx(readValid(answer).get(0))).isEqualTo("importer " + HANGUL + " ?");
    }

    @Test
    void characters4ByteInUtf8AndOnesUnoyCannotHoldAreHandled() throws Exception {
        String emoji = new String(Character.toChars(0x1F600));
        byte[] answer = cusres(Syntax.parse("UNOY:4"), "a" + emoji + "b\u0085c\uD800d");
        assertThat(ftx(readValid(answer).get(0))).isEqualTo("a" + emoji + "b?c?d");
    }

    @Test
    void aUnocSenderGetsLatin1AndHangulAsQuestionMarks() throws Exception {
        byte[] answer = cusres(Syntax.parse("UNOC:3"), "SEOUL \u00C9LECTRONIQUE " + HANGUL);
        assertThat(new String(answer, StandardCharsets.ISO_8859_1))
                .startsWith("UNB+UNOC:3+KCS+MIRAECS+261128:0130+RS1'");
        assertThat(ftx(readValid(answer).get(0))).isEqualTo("SEOUL \u00C9LECTRONIQUE ???? ????");
    }

    @Test
    void aUnocVersion4SenderGetsVersion4Dates() throws Exception {
        byte[] answer = cusres(Syntax.parse("UNOC:4"), "ok");
        assertThat(new String(answer, StandardCharsets.ISO_8859_1))
                .startsWith("UNB+UNOC:4+KCS+MIRAECS+20261128:0130+RS1'");
        readValid(answer);
    }

    @Test
    void aUnoaSenderGetsCapitalsAndNothingOutsideItsRepertoire() throws Exception {
        byte[] answer = cusres(Syntax.parse("UNOA:3"), "importer x_y@z \u00E9 is not registered");
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("UNB+UNOA:3+");
        assertThat(ftx(readValid(answer).get(0))).isEqualTo("IMPORTER X?Y?Z ? IS NOT REGISTERED");
    }

    @Test
    void aUnobSenderKeepsLowerCase() throws Exception {
        byte[] answer = cusres(Syntax.parse("UNOB:3"), "importer x_y \u00E9");
        assertThat(ftx(readValid(answer).get(0))).isEqualTo("importer x_y ?");
    }

    @Test
    void theAnswerSyntaxIsTheSendersOwnUnlessAProfileNamesAnotherOrItIsNotSupported() {
        assertThat(Syntax.forAnswer("UNOY", "4", null)).hasToString("UNOY:4");
        assertThat(Syntax.forAnswer("UNOB", "3", "")).hasToString("UNOB:3");
        assertThat(Syntax.forAnswer("UNOY", "4", "UNOC:3")).hasToString("UNOC:3");
        assertThat(Syntax.forAnswer("UNOA", "1", null)).isEqualTo(Syntax.DEFAULT);
        assertThat(Syntax.forAnswer("IATA", "1", null)).isEqualTo(Syntax.DEFAULT);
        assertThat(Syntax.forAnswer("XML", "1", null)).isEqualTo(Syntax.DEFAULT);
        assertThatThrownBy(() -> Syntax.parse("UNOY:3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Syntax.parse("UNOC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aContrlKeepsTheIdentificationCodeQualifiers() throws Exception {
        // UCI S002/S003 echo the sender's UNB identifications with their qualifiers (0007), cut to an..4
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange(Syntax.DEFAULT, "KCS", "HANBITTRD", AT, "RC2");
        ContrlBuilder.write(w, "1", new ContrlBuilder.Interchange("IC1", "HANBITTRD", "ZZ", "KCS", "ZZZZZ", null),
                List.of());
        ContrlBuilder.write(w, "2", new ContrlBuilder.Interchange("IC2", "HANBITTRD", "KCS", null), List.of());
        w.endInterchange();
        List<EdifactMessage> contrl = readValid(out.toByteArray());
        Segment uci = contrl.get(0).segments().get(0);
        assertThat(uci.value(2, 1)).isEqualTo("HANBITTRD");
        assertThat(uci.value(2, 2)).isEqualTo("ZZ");
        assertThat(uci.value(3, 2)).isEqualTo("ZZZZ");
        assertThat(new String(out.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("UCI+IC1+HANBITTRD:ZZ+KCS:ZZZZ+7'", "UCI+IC2+HANBITTRD+KCS+7'");
    }

    @Test
    void aContrlEchoesReferencesWithinTheirSyntaxLengths() throws Exception {
        String ref15 = "IC0123456789012"; // 0020 is an..14: the sender's was refused with code 39
        String messageRef = "M12345678901234567"; // 0062 is an..14
        String sender = "S".repeat(40); // 0004 is an..35
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdifactWriter w = new EdifactWriter(out);
        w.startInterchange(Syntax.DEFAULT, "KCS", sender.substring(0, 35), AT, "RC1");
        ContrlBuilder.write(w, "1", new ContrlBuilder.Interchange(ref15, sender, "KCS", null), List.of(
                new ContrlBuilder.Message(messageRef, "INVOICE7:D:96A:UN", List.of(new SyntaxError("14", 1,
                        "UNH", 2, 1, "message type INVOICE7 is not processed here")))));
        w.endInterchange();
        EdifactMessage contrl = readValid(out.toByteArray()).get(0);
        Segment uci = contrl.segments().get(0);
        assertThat(uci.value(1)).isEqualTo(ref15.substring(0, 14));
        assertThat(uci.value(2, 1)).hasSize(35);
        Segment ucm = contrl.segments().get(1);
        assertThat(ucm.value(1)).isEqualTo(messageRef.substring(0, 14));
        assertThat(ucm.value(2, 1)).isEqualTo("INVOIC");
        assertThat(ucm.value(3)).isEqualTo("4");
        assertThat(ucm.value(4)).isEqualTo("14");
        assertThat(ucm.value(5)).isEqualTo("UNH");
    }
}
