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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * whole and answered with the XML refusal.
 */
@SlowTest
class CamtPaymentsTest {

    @Test
    void aBanksCamt054IsMatchedAndRefusedOnesAreAnsweredInXml(@TempDir Path home, @TempDir Path generated)
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
            assertThat(night(app)).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);

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
            assertThat(answer(home, "HANBITTRD")).contains("X005", "not registered as a bank");
            assertThat(answer(home, "HANGUKBANK")).contains("X002");
            assertThat(app.jdbc().queryForObject("SELECT sig_status FROM inbound_file WHERE original_name = "
                    + "'n2-a-bank.xml'", String.class)).isEqualTo("PASSED");
        }
    }

    private static String camt(Path dir, String bank, long seed, List<CreditAdviceGenerator.Due> dues)
            throws Exception {
        new CreditAdviceGenerator(dir, bank, seed, 100, 0, 0, 0, 0, 0, 100, 10, 10, LocalDate.of(2026, 11, 27))
                .generate(dues.iterator());
        try (Stream<Path> files = Files.list(dir)) {
            return Files.readString(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
    }

    private static String answer(Path home, String sender) throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("outbox").resolve(sender))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().endsWith(".xml")) {
                    return Files.readString(p, StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no XML answer for " + sender);
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }
}
