package org.edibatch.release;

import org.edibatch.cli.PkiCommands;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.samples.xml.XmlDeclaration;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import javax.xml.transform.stream.StreamSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An accepted import's answer names its payment: RFF+PQ (the payment number), DTM+13 (due date) and MOA+9 (amount
 * due) in CUSRES, Payment in the XML answer; a replacement repeats the original's number with its new amount, a
 * cancellation names none. The same bytes whether the customs step answers a file early or the answer step does.
 * USD at 1,398.50 KRW, HS 6109100000 13 %, VAT 10 %, won rounded down. The files are received on 2026-11-28 in
 * Seoul (TestApp's clock): due 15 days later, 2026-12-13.
 */
@SlowTest
class PaymentAnswersTest {

    @Test
    void answersNamePaymentNumberAmountDueAndDueDate(@TempDir Path early, @TempDir Path late) throws Exception {
        String first = night(early, "edibatch.early-answer-max-bytes=8388608");
        String second = night(late, "edibatch.early-answer-max-bytes=0");
        assertThat(second).isEqualTo(first);
    }

    /** @return the CUSRES answers to the two EDIFACT files, as text */
    private static String night(Path home, String answering) throws Exception {
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        try (TestApp app = TestApp.start(home, answering, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir())) {
            Files.createDirectories(app.inbox());
            // PAY001: 1,000.00 USD -> value 1,398,500; duty 181,805; VAT 10 % of 1,580,305 = 158,030: 339,835 due.
            // PAY002: 100.00 USD -> value 139,850; duty 18,180; VAT 15,803: 33,983 due.
            Files.write(app.inbox().resolve("a.edi"), Interchange.from("HANBITTRD", "PAYA")
                    .message(shirts("PAY001", "1000.00")).message(shirts("PAY002", "100.00")).bytes());
            // PAY001 replaced by 500.00 USD -> value 699,250; duty 90,902; VAT 79,015: 169,917 due; PAY002 cancelled.
            Files.write(app.inbox().resolve("b.edi"), Interchange.from("HANBITTRD", "PAYB")
                    .message(shirts("PAY001", "500.00").replacement())
                    .message(shirts("PAY002", "100.00").cancellation()).bytes());
            Files.write(app.inbox().resolve("c.xml"), XmlBatch.from("HANBITTRD", "PAYC")
                    .declaration(XmlDeclaration.importDeclaration("HBXMLP001").date("2026-11-25")
                            .trader("HANBIT001234", "HANBIT TRADING CO")
                            .item("6109100000", "CN", "100", "PCE", "1000.00")).bytes());
            for (String name : new String[]{"a.edi", "b.edi", "c.xml"}) {
                new CmsSigner().sign(app.inbox().resolve(name), app.inbox().resolve(name + ".p7s"),
                        pki.credential("HANBITTRD"), true);
            }
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(app.jdbc().queryForList("SELECT original_name FROM inbound_file ORDER BY id", String.class))
                    .as("file ids 1, 2, 3: the payment numbers below are computed from them")
                    .containsExactly("a.edi", "b.edi", "c.xml");

            // file 1, message 0: 0000000001 0000000, MOD 97-10 check pair 64; message 1: check pair 61
            List<String> a = payments(answer(app, "a.edi", "CUSRES"));
            assertThat(a).containsExactly(
                    "RFF+PQ:0000000001000000064 DTM+13:20261213:102 MOA+9:339835:KRW",
                    "RFF+PQ:0000000001000000161 DTM+13:20261213:102 MOA+9:33983:KRW");
            List<String> b = payments(answer(app, "b.edi", "CUSRES"));
            assertThat(b).as("the replacement keeps its original's number; the cancellation has none")
                    .containsExactly("RFF+PQ:0000000001000000064 DTM+13:20261213:102 MOA+9:169917:KRW", "");

            // file 3, message 0: 0000000003 0000000, check pair 93
            Path xml = answer(app, "c.xml", "XMLRES");
            XmlSchemas.response().newValidator().validate(new StreamSource(xml.toFile()));
            assertThat(Files.readString(xml, StandardCharsets.UTF_8).replaceAll(">\\s+<", "><"))
                    .contains("<AcceptanceDate>2026-11-28</AcceptanceDate>")
                    .contains("<Payment><PaymentID>0000000003000000093</PaymentID>"
                            + "<PayableAmount currencyID=\"KRW\">339835</PayableAmount>"
                            + "<PaymentDueDate>2026-12-13</PaymentDueDate></Payment>");
            return Files.readString(answer(app, "a.edi", "CUSRES"), StandardCharsets.ISO_8859_1)
                    + Files.readString(answer(app, "b.edi", "CUSRES"), StandardCharsets.ISO_8859_1);
        }
    }

    private static Cusdec shirts(String number, String usd) {
        return Cusdec.declaration(number).importer("HANBIT001234", "HANBIT TRADING CO")
                .item("6109100000", "CN", "100", "PCE", usd);
    }

    private static Path answer(TestApp app, String name, String kind) {
        return Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a JOIN inbound_file f ON f.id = a.file_id "
                + "WHERE f.original_name = ? AND a.kind = ?", String.class, name, kind));
    }

    /**
     * Per CUSRES message: its payment reference group (RFF+PQ and its DTM) and the amount due (MOA+9, in the TAX+9
     * group: D96B has no MOA in the reference group), or "" when it has none.
     */
    private static List<String> payments(Path cusres) throws Exception {
        List<String> out = new ArrayList<>();
        for (EdifactMessage m : Answers.parseValid(cusres)) {
            List<Segment> segments = m.segments();
            String found = "";
            String due = "";
            for (int i = 0; i < segments.size(); i++) {
                if (segments.get(i).tag().equals("RFF") && text(segments.get(i)).startsWith("RFF+PQ")) {
                    found = text(segments.get(i)) + " " + text(segments.get(i + 1));
                }
                if (segments.get(i).tag().equals("MOA") && text(segments.get(i)).startsWith("MOA+9:")) {
                    due = " " + text(segments.get(i));
                }
            }
            out.add(found.isEmpty() ? "" : found + due);
        }
        return out;
    }

    private static String text(Segment s) {
        StringBuilder b = new StringBuilder(s.tag());
        for (List<String> element : s.elements()) {
            b.append('+').append(String.join(":", element));
        }
        return b.toString();
    }
}
