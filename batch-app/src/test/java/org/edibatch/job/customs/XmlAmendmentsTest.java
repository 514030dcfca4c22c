package org.edibatch.job.customs;

import org.edibatch.cli.PkiCommands;
import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.samples.xml.XmlDeclaration;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import javax.xml.transform.stream.StreamSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XML declaration format version 2 carries the message function; its batches are answered in the response
 * format version 2 with the same facts as CUSRES, while a version 1 batch is read and answered as before.
 * USD at 1,398.50 KRW, VAT 10 %, won rounded down; HS 6109100000 13 %.
 */
@SlowTest
class XmlAmendmentsTest {

    @Test
    void aVersionTwoBatchReplacesAndCancelsAndIsAnsweredInVersionTwo(@TempDir Path home) throws Exception {
        // XML batches are taken signed only (XML-DSig or a detached CMS signature), whatever the EDIFACT setting
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        try (TestApp app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir())) {
            Files.createDirectories(app.inbox());
            // version 1: T-shirts 1,000.00 USD -> value 1,398,500; duty 181,805; VAT 10 % of 1,580,305 = 158,030;
            // owed 339,835
            Files.write(app.inbox().resolve("a-v1.xml"), XmlBatch.from("HANBITTRD", "XV1")
                    .declaration(shirts("HBXML00001", null, "1000.00"))
                    .declaration(shirts("HBXML00002", null, "100.00")).bytes());
            // version 2: replaced by 500.00 USD -> value 699,250; duty 90,902 (90,902.5 down); VAT 10 % of
            // 790,152 = 79,015; owed 169,917: 169,918 to refund. The second (100.00 USD: value 139,850; duty 18,180;
            // VAT 15,803; owed 33,983) cancelled. A third never filed: C170.
            Files.write(app.inbox().resolve("b-v2.xml"), XmlBatch.from("HANBITTRD", "XV2").version2()
                    .declaration(shirts("HBXML00001", "5", "500.00"))
                    .declaration(shirts("HBXML00002", "1", "100.00"))
                    .declaration(shirts("HBXML00003", "5", "100.00")).bytes());
            for (String name : new String[]{"a-v1.xml", "b-v2.xml"}) {
                new CmsSigner().sign(app.inbox().resolve(name), app.inbox().resolve(name + ".p7s"),
                        pki.credential("HANBITTRD"), true);
            }
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);

            assertThat(app.jdbc().queryForObject("SELECT SUM(debit - credit) FROM journal_line "
                    + "WHERE account_code = '1100'", BigDecimal.class))
                    .as(() -> app.jdbc().queryForList("SELECT file_name || ' ' || code || ' ' || text FROM exception_item",
                            String.class).toString())
                    .isEqualByComparingTo("169917");

            String v1 = answer(app, "a-v1.xml");
            assertThat(v1).contains("urn:edibatch:customs:response:1").doesNotContain("FunctionCode");
            String v2 = answer(app, "b-v2.xml");
            assertThat(v2).contains("urn:edibatch:customs:response:2")
                    .contains("<DeclarationID>HBXML00001</DeclarationID><FunctionCode>5</FunctionCode>"
                            + "<ProcessingIndicatorCode>15</ProcessingIndicatorCode>")
                    .contains("<TotalTaxAmount currencyID=\"KRW\">169917</TotalTaxAmount>")
                    .contains("<TotalTaxAmount currencyID=\"KRW\">339835</TotalTaxAmount></PreviousVersion>"
                            + "<DifferenceAmount currencyID=\"KRW\">-169918</DifferenceAmount>")
                    .contains("<FunctionCode>1</FunctionCode><ProcessingIndicatorCode>15</ProcessingIndicatorCode>")
                    .contains("<Cancelled>")
                    .contains("<TotalTaxAmount currencyID=\"KRW\">33983</TotalTaxAmount></PreviousVersion>"
                            + "<DifferenceAmount currencyID=\"KRW\">-33983</DifferenceAmount></Cancelled>")
                    .contains("<ProcessingIndicatorCode>16</ProcessingIndicatorCode>", "<Code>C170</Code>");
        }
    }

    private static XmlDeclaration shirts(String number, String function, String usd) {
        XmlDeclaration d = XmlDeclaration.importDeclaration(number).date("2026-11-25")
                .trader("HANBIT001234", "HANBIT TRADING CO").item("6109100000", "CN", "100", "PCE", usd);
        return function == null ? d : d.function(function);
    }

    /** The XML answer to the file, valid against its response schema, without line breaks and indentation. */
    private static String answer(TestApp app, String name) throws Exception {
        Path path = Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a JOIN inbound_file f "
                + "ON f.id = a.file_id WHERE f.original_name = ? AND a.kind = 'XMLRES'", String.class, name));
        XmlSchemas.response().newValidator().validate(new StreamSource(path.toFile()));
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8).replaceAll(">\\s+<", "><");
    }
}
