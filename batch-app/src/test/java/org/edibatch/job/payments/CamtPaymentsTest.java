package org.edibatch.job.payments;

import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.cli.PkiCommands;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.samples.load.CreditAdviceGenerator;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.transform.stream.StreamSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camt.054 documents through the claim and the payments step: a bank's document is matched like a CREMUL, the
 * customs step never reads it; one whose account servicer is no bank, and one that fails the schema, are refused
 * whole. Every document gets a receipt for a credit advice (refused with its X-code, or accepted with the codes of
 * its credits); a CREMUL from the same bank is still answered in EDIFACT.
 */
@SlowTest
class CamtPaymentsTest {

    @Test
    void aBanksCamt054IsMatchedAndEveryOneGetsAReceipt(@TempDir Path home, @TempDir Path generated)
            throws Exception {
        // unsigned files pass (signatures not required), the bank's document is signed with its demo key
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        try (TestApp app = TestApp.start(home, "edibatch.trust.anchors=" + pki.trustDir(),
                "edibatch.trust.crls=" + pki.crlDir())) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("n1.edi"), Interchange.from("HANBITTRD", "CMT0001")
                    // 1,000.00 USD laptops: 139,850 owed; 500.00 USD laptop: 69,925 owed
                    .message(Cusdec.declaration("HBA0000001").importer("HANBIT001234", "HANBIT TRADING CO")
                            .item("8471300000", "CN", "2", "PCE", "1000.00"))
                    .message(Cusdec.declaration("HBB0000001").importer("HANBIT001234", "HANBIT TRADING CO")
                            .item("8471300000", "CN", "1", "PCE", "500.00"))
                    .bytes());
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            List<CreditAdviceGenerator.Due> dues = List.of(
                    new CreditAdviceGenerator.Due(PaymentsTest.number(app, "HBA0000001"), new BigDecimal("139850")),
                    new CreditAdviceGenerator.Due(PaymentsTest.number(app, "HBB0000001"), new BigDecimal("60000")));
            String good = camt(generated.resolve("bank"), "HANGUKBANK", 1, dues);
            String notABank = camt(generated.resolve("importer"), "HANBITTRD", 2, dues);
            Files.writeString(generated.resolve("n2-a-bank.xml"), good);
            new CmsSigner().sign(generated.resolve("n2-a-bank.xml"), app.inbox().resolve("n2-a-bank.xml.p7s"),
                    pki.credential("HANGUKBANK"), true);
            Files.writeString(app.inbox().resolve("n2-a-bank.xml"), good);
            Files.writeString(app.inbox().resolve("n2-b-importer.xml"), notABank);
            // the same document with an element the schema does not know: refused whole (X002)
            Files.writeString(app.inbox().resolve("n2-c-invalid.xml"), good.replace("<AcctSvcrRef>", "<Unknown/><AcctSvcrRef>"));
            StringWriter closing = new StringWriter();
            assertThat(EdiBatchCommandLine.execute(app.context(), new PrintWriter(closing),
                    new PrintWriter(new StringWriter()), "run", "customs")).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
            // the bank's one notification is read and accepted (it used to count as unread, so refused); of the
            // documents refused whole, the importer's counted its notification, the invalid one was not counted
            assertThat(closing.toString()).contains("3 file(s) claimed, 2 refused whole; 2 message(s) read = "
                    + "1 accepted + 0 rejected + 1 refused");

            assertThat(app.jdbc().queryForList("SELECT original_name || ' ' || format || ' ' || state || ' ' "
                    + "|| COALESCE(reason_code, '-') FROM inbound_file WHERE original_name LIKE 'n2-%' ORDER BY id",
                    String.class)).containsExactly(
                    "n2-a-bank.xml CAMT054 ARCHIVED -",
                    "n2-b-importer.xml CAMT054 QUARANTINED XML:X005",
                    "n2-c-invalid.xml CAMT054 QUARANTINED XML:X002");
            assertThat(app.jdbc().queryForList("SELECT outcome || ' ' || declaration_no || ' ' || applied::bigint "
                    + "FROM payment_line ORDER BY msg_index, line_index", String.class))
                    .containsExactly("EXACT HBA0000001 139850", "PARTIAL HBB0000001 60000");
            // nothing of them reached the customs step
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f "
                    + "ON f.id = d.file_id WHERE f.format = 'CAMT054'", Integer.class)).isZero();
            assertThat(app.jdbc().queryForObject("SELECT SUM(open_amount) FROM declaration_receivable",
                    BigDecimal.class)).isEqualByComparingTo("9925"); // 69,925 - 60,000
            assertThat(app.jdbc().queryForObject("SELECT sig_status FROM inbound_file WHERE original_name = "
                    + "'n2-a-bank.xml'", String.class)).isEqualTo("PASSED");

            // each document gets a receipt for a credit advice, valid against its schema: refused whole with its
            // X-code, or accepted with its counts (both credits paid: no line carries a code)
            assertThat(receipt(app, "n2-b-importer.xml")).contains("<RecipientID>HANBITTRD</RecipientID>",
                    "<ReferencedDocumentTypeCode>camt.054.001.08</ReferencedDocumentTypeCode>",
                    "<StatusCode>REFUSED</StatusCode>", "<Code>X005</Code>", "not registered as a bank");
            assertThat(receipt(app, "n2-c-invalid.xml")).contains("<StatusCode>REFUSED</StatusCode>",
                    "<Code>X002</Code>", "<Line>");
            String accepted = receipt(app, "n2-a-bank.xml");
            assertThat(accepted).contains("<RecipientID>HANGUKBANK</RecipientID>",
                    "<ReferencedMessageID>" + msgId(good) + "</ReferencedMessageID>",
                    "<ReceiptStatus><StatusCode>ACCEPTED</StatusCode><CreditCount>2</CreditCount>"
                            + "<PostedCount>2</PostedCount><RefusedCount>0</RefusedCount></ReceiptStatus>")
                    .doesNotContain("<CreditLine>");

            // Night 3: the same credits again under a new message id (refused line by line, P30, in the receipt),
            // and a CREMUL from the same bank, which is answered in EDIFACT as ever (a CONTRL, no XML)
            Files.writeString(app.inbox().resolve("n3-a-again.xml"), good.replace(msgId(good), "AGAIN-" + msgId(good)));
            new CreditAdviceGenerator(generated.resolve("cremul"), "HANGUKBANK", 3, 100, 0, 0, 0, 0, 0, 0, 10, 10,
                    LocalDate.of(2026, 11, 27)).generate(List.of(new CreditAdviceGenerator.Due(
                    PaymentsTest.number(app, "HBB0000001"), new BigDecimal("9925"))).iterator());
            try (Stream<Path> files = Files.list(generated.resolve("cremul"))) {
                Files.copy(files.findFirst().orElseThrow(), app.inbox().resolve("n3-b-cremul.edi"));
            }
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
            String again = receipt(app, "n3-a-again.xml");
            assertThat(again).contains("<ReceiptStatus><StatusCode>ACCEPTED</StatusCode><CreditCount>2</CreditCount>"
                    + "<PostedCount>0</PostedCount><RefusedCount>2</RefusedCount></ReceiptStatus>");
            assertThat(again.split("<CreditLine>", -1)).hasSize(3);
            assertThat(again).contains("<CreditLine><NotificationSequenceNumeric>1</NotificationSequenceNumeric>"
                    + "<CreditSequenceNumeric>1</CreditSequenceNumeric><TransactionReference>")
                    .contains("<PaymentReference>" + PaymentsTest.number(app, "HBA0000001") + "</PaymentReference>"
                            + "<Amount Ccy=\"KRW\">139850.00</Amount><OutcomeCode>REFUSED</OutcomeCode>"
                            + "<ReasonCode>P30</ReasonCode><ReasonText>The bank reported this transaction before");
            assertThat(app.jdbc().queryForList("SELECT a.kind || ' ' || right(a.path, 4) FROM answer a "
                    + "JOIN inbound_file f ON f.id = a.file_id WHERE f.original_name = 'n3-b-cremul.edi'",
                    String.class)).containsExactly("CONTRL .edi");
            assertThat(app.jdbc().queryForObject("SELECT SUM(open_amount) FROM declaration_receivable",
                    BigDecimal.class)).isEqualByComparingTo("0");
        }
    }

    private static String msgId(String camt) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<MsgId>([^<]+)</MsgId>").matcher(camt);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The receipt a bank's file got, checked against its schema, with white space between tags dropped. */
    private static String receipt(TestApp app, String fileName) throws Exception {
        Path p = Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a JOIN inbound_file f "
                + "ON f.id = a.file_id WHERE f.original_name = ? AND a.kind = 'ADVICE_RECEIPT'", String.class, fileName));
        assertThat(p.getFileName().toString()).startsWith("CREDIT-ADVICE-RECEIPT_").endsWith(".xml");
        XmlSchemas.adviceReceipt().newValidator().validate(new StreamSource(p.toFile()));
        return Files.readString(p, StandardCharsets.UTF_8).replaceAll(">\\s+<", "><");
    }

    private static String camt(Path dir, String bank, long seed, List<CreditAdviceGenerator.Due> dues)
            throws Exception {
        new CreditAdviceGenerator(dir, bank, seed, 100, 0, 0, 0, 0, 0, 100, 10, 10, LocalDate.of(2026, 11, 27))
                .generate(dues.iterator());
        try (Stream<Path> files = Files.list(dir)) {
            return Files.readString(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }
}
