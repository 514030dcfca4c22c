package org.edibatch.release;

import org.edibatch.cli.PkiCommands;
import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.samples.xml.XmlDeclaration;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declaration sent in XML is released with an XML notice (KCS-XML-RESP-2, valid against its schema): processing
 * indicator 4 and Released. HANUL (HANULM000777) is on monthly payment: its green import is released unpaid. The
 * batch is file 1, the declaration its message 0: payment number 0000000001 0000000 and check pair 64.
 */
@SlowTest
class XmlReleaseNoticeTest {

    @Test
    void anXmlSenderGetsAnXmlReleaseNotice(@TempDir Path home) throws Exception {
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        try (TestApp app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir())) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("hanul.xml"), XmlBatch.from("HANBITTRD", "XREL1")
                    .declaration(XmlDeclaration.importDeclaration("HUXML00001").date("2026-11-25")
                            .trader("HANULM000777", "HANUL MONTHLY TRADERS")
                            .item("6109100000", "CN", "100", "PCE", "1000.00")).bytes());
            new CmsSigner().sign(app.inbox().resolve("hanul.xml"), app.inbox().resolve("hanul.xml.p7s"),
                    pki.credential("HANBITTRD"), true);
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            long run = app.jdbc().queryForObject("SELECT run_id FROM inbound_file", Long.class);
            String acceptance = app.jdbc().queryForObject("SELECT acceptance_no FROM declaration "
                    + "WHERE declaration_no = 'HUXML00001' AND channel = 'GREEN'", String.class);

            Path notice = Path.of(app.jdbc().queryForObject("SELECT path FROM release_notice WHERE sender = 'HANBITTRD' "
                    + "AND format = 'XML'", String.class));
            assertThat(notice).isEqualTo(home.resolve("outbox/HANBITTRD/CUSRES-RELEASE_R" + run + ".xml"));
            XmlSchemas.response().newValidator().validate(new StreamSource(notice.toFile()));
            assertThat(Files.readString(notice, StandardCharsets.UTF_8).replaceAll(">\\s+<", "><"))
                    .contains("urn:edibatch:customs:response:2")
                    .contains("<DeclarationCount>1</DeclarationCount>")
                    .contains("<DeclarationID>HUXML00001</DeclarationID><ProcessingIndicatorCode>4</ProcessingIndicatorCode>"
                            + "<Released><AcceptanceID>" + acceptance + "</AcceptanceID>"
                            + "<ReleaseDate>2026-11-28</ReleaseDate><BasisCode>MONTHLY</BasisCode>"
                            + "<PaymentID>0000000001000000064</PaymentID></Released>");
        }
    }
}
