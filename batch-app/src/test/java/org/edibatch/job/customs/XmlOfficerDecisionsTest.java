package org.edibatch.job.customs;

import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.cli.PkiCommands;
import org.edibatch.console.DecisionForm;
import org.edibatch.console.DecisionRepository;
import org.edibatch.console.Officer;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.samples.xml.XmlDeclaration;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.OfficerRole;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.xml.transform.stream.StreamSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Officers' decisions on declarations sent in XML are answered in XML (KCS-XML-RESP-2, valid against its schema),
 * with the facts the EDIFACT CUSRES of {@link OfficerDecisionsTest} carries, and nothing in EDIFACT reaches that
 * sender. The declarations and amounts are those of {@link OfficerDecisionsTest} (USD at 1,398.50, VAT 10 %), sent
 * by DAEHANCB in a version 1 batch; C is HANUL's, on monthly payment, so its release goes out without a payment.
 * <ul>
 * <li>A (red) reassessed as laptops (0 %): value 97,895,000; duty 0; VAT 9,789,500; previous tax 13,020,035;
 * difference -3,230,535.</li>
 * <li>B (yellow) refused: C180, acceptance withdrawn.</li>
 * <li>C (yellow) released as declared: the release notice of the next run, in XML.</li>
 * </ul>
 */
@SlowTest
class XmlOfficerDecisionsTest {

    private static final String SENDER = "DAEHANCB";
    private static final Officer KIM = new Officer("CN=Kim Officer", "1a", OfficerRole.OFFICER);

    @Test
    void anXmlSenderGetsItsDecisionsAnswersInXml(@TempDir Path home) throws Exception {
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        try (TestApp app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir())) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("night1.xml"), XmlBatch.from(SENDER, "XOD0001")
                    .declaration(XmlDeclaration.importDeclaration("XDA0000001").date("2026-11-25")
                            .trader("GANGNL077889", "GANGNAM LUXURY GOODS").declarant("DAEHANCB0001")
                            .item("7108130000", "AF", "1000", "GRM", "70000.00"))
                    .declaration(XmlDeclaration.importDeclaration("XDB0000001").date("2026-11-25")
                            .trader("INCHAP034567", "INCHEON AUTO PARTS").declarant("DAEHANCB0001")
                            .item("4011100000", "CN", "400", "PCE", "16000.00"))
                    .declaration(XmlDeclaration.importDeclaration("XDC0000001").date("2026-11-25")
                            .trader("HANULM000777", "HANUL MONTHLY TRADERS").declarant("DAEHANCB0001")
                            .item("9102110000", "CH", "100", "PCE", "1000.00"))
                    .bytes());
            new CmsSigner().sign(app.inbox().resolve("night1.xml"), app.inbox().resolve("night1.xml.p7s"),
                    pki.credential(SENDER), true);
            assertThat(night(app)).as(() -> exceptions(app)).isEqualTo(ExitCodes.OK);
            assertThat(app.jdbc().queryForList("SELECT declaration_no || ' ' || channel FROM declaration "
                    + "ORDER BY declaration_no", String.class))
                    .containsExactly("XDA0000001 RED", "XDB0000001 YELLOW", "XDC0000001 YELLOW");
            String acceptedA = acceptance(app, "XDA0000001");
            String acceptedB = acceptance(app, "XDB0000001");
            long fileId = app.jdbc().queryForObject("SELECT id FROM inbound_file", Long.class);

            DecisionRepository decisions = new DecisionRepository(new NamedParameterJdbcTemplate(app.jdbc()));
            long a = decide(app, decisions, "XDA0000001", "REASSESS", "8471300000");
            long b = decide(app, decisions, "XDB0000001", "REFUSE", null);
            long c = decide(app, decisions, "XDC0000001", "RELEASE", null);
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            long run2 = app.jdbc().queryForObject("SELECT MAX(run_id) FROM officer_decision_applied", Long.class);

            Path outbox = home.resolve("outbox").resolve(SENDER);
            String reassessed = xml(outbox.resolve("CUSRES_D" + a + "_" + fileId + ".xml"));
            assertThat(reassessed)
                    .contains("<CustomsResponseBatch xmlns=\"urn:edibatch:customs:response:2\">")
                    .contains("<RecipientID>DAEHANCB</RecipientID>")
                    .contains("<ReferencedBatchID>XOD0001</ReferencedBatchID>")
                    .contains("<StatusCode>PROCESSED</StatusCode><DeclarationCount>1</DeclarationCount>")
                    .contains("<SequenceNumeric>1</SequenceNumeric><DeclarationTypeCode>IMPORT</DeclarationTypeCode>"
                            + "<DeclarationID>XDA0000001</DeclarationID><FunctionCode>5</FunctionCode>"
                            + "<ProcessingIndicatorCode>15</ProcessingIndicatorCode>"
                            + "<OfficerDecision><DecisionID>" + a + "</DecisionID><DecisionCode>REASSESS</DecisionCode>"
                            + "</OfficerDecision><DeclarationIssueDate>2026-11-25</DeclarationIssueDate>")
                    .contains("<Accepted><AcceptanceID>" + acceptance(app, "XDA0000001", 2) + "</AcceptanceID>"
                            + "<CustomsValueAmount currencyID=\"KRW\">97895000</CustomsValueAmount>"
                            + "<DutyAmount currencyID=\"KRW\">0</DutyAmount>"
                            + "<VATAmount currencyID=\"KRW\">9789500</VATAmount>"
                            + "<TotalTaxAmount currencyID=\"KRW\">9789500</TotalTaxAmount>")
                    .contains("<PreviousVersion><AcceptanceID>" + acceptedA + "</AcceptanceID>"
                            + "<CustomsValueAmount currencyID=\"KRW\">97895000</CustomsValueAmount>"
                            + "<TotalTaxAmount currencyID=\"KRW\">13020035</TotalTaxAmount></PreviousVersion>"
                            + "<DifferenceAmount currencyID=\"KRW\">-3230535</DifferenceAmount>");

            String refused = xml(outbox.resolve("CUSRES_D" + b + "_" + fileId + ".xml"));
            assertThat(refused)
                    .contains("<SequenceNumeric>2</SequenceNumeric><DeclarationTypeCode>IMPORT</DeclarationTypeCode>"
                            + "<DeclarationID>XDB0000001</DeclarationID>"
                            + "<OfficerDecision><DecisionID>" + b + "</DecisionID><DecisionCode>REFUSE</DecisionCode>"
                            + "</OfficerDecision>")
                    .contains("<Rejected><Error><Code>C180</Code><Text>")
                    .contains("acceptance " + acceptedB + " withdrawn, its assessment reversed</Text></Error></Rejected>");

            String released = xml(outbox.resolve("CUSRES-RELEASE_R" + run2 + ".xml"));
            assertThat(released).contains("<DeclarationID>XDC0000001</DeclarationID>"
                    + "<ProcessingIndicatorCode>4</ProcessingIndicatorCode><Released><AcceptanceID>"
                    + acceptance(app, "XDC0000001") + "</AcceptanceID>")
                    .contains("<BasisCode>MONTHLY</BasisCode>");
            assertThat(app.jdbc().queryForObject("SELECT decision_id FROM declaration_release "
                    + "WHERE declaration_no = 'XDC0000001'", Long.class)).isEqualTo(c);

            // every answer this sender got, the batch's own included, is XML; none is EDIFACT
            try (Stream<Path> files = Files.list(outbox)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                        "CUSRES-RELEASE_R" + run2 + ".xml", "CUSRES_D" + a + "_" + fileId + ".xml",
                        "CUSRES_D" + b + "_" + fileId + ".xml", "CUSRES_XOD0001_" + fileId + ".xml");
            }
            assertThat(app.jdbc().queryForList("SELECT kind FROM answer WHERE kind LIKE '%-D%' ORDER BY kind",
                    String.class)).containsExactly("XMLRES-D" + a, "XMLRES-D" + b);

            // the history command shows the officers' versions after the sender's message, and only the answers to
            // this number's decisions
            List<String> historyA = history(app, "XDA0000001");
            assertThat(historyA.get(0)).isEqualTo("declaration XDA0000001 from DAEHANCB: 1 message(s), "
                    + "1 officer's decision(s)");
            assertThat(historyA.get(2)).startsWith("1 original ACCEPTED " + fileId + " 0 ");
            assertThat(historyA.get(3)).startsWith("2 reassessment ACCEPTED " + fileId + " 0 " + run2 + " "
                    + acceptance(app, "XDA0000001", 2) + " 97895000 0 9789500 9789500 ")
                    .endsWith(" by officer's decision " + a);
            assertThat(historyA.subList(4, historyA.size())).anyMatch(l -> l.contains(" XMLRES-D" + a + " "))
                    .noneMatch(l -> l.contains("XMLRES-D" + b));
            List<String> historyB = history(app, "XDB0000001");
            assertThat(historyB.get(3)).startsWith("2 refusal REFUSED " + fileId + " 1 " + run2 + " - ")
                    .endsWith(" C180 by officer's decision " + b);

            // applied twice: nothing new is written
            Map<String, Long> before = sizes(outbox);
            assertThat(night(app)).isEqualTo(ExitCodes.OK);
            assertThat(sizes(outbox)).isEqualTo(before);
        }
    }

    private static String xml(Path file) throws Exception {
        XmlSchemas.response().newValidator().validate(new StreamSource(file.toFile()));
        return Files.readString(file, StandardCharsets.UTF_8).replaceAll(">\\s+<", "><");
    }

    private static Map<String, Long> sizes(Path folder) throws Exception {
        Map<String, Long> found = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                found.put(p.getFileName().toString(), Files.size(p));
            }
        }
        return found;
    }

    private static long decide(TestApp app, DecisionRepository decisions, String number, String kind, String hs) {
        Map<String, Object> m = app.jdbc().queryForMap("SELECT file_id, msg_index FROM declaration "
                + "WHERE declaration_no = ?", number);
        DecisionForm.Result form = DecisionForm.check(kind, "checked by " + kind, hs, null, null, code -> true);
        assertThat(form.ok()).as(form.errors().toString()).isTrue();
        return decisions.record(((Number) m.get("file_id")).longValue(), ((Number) m.get("msg_index")).intValue(),
                form.decision(), KIM, Instant.parse(TestApp.FIXED_CLOCK));
    }

    private static String acceptance(TestApp app, String number) {
        return app.jdbc().queryForObject("SELECT acceptance_no FROM declaration WHERE declaration_no = ?",
                String.class, number);
    }

    private static String acceptance(TestApp app, String number, int version) {
        return app.jdbc().queryForObject("SELECT acceptance_no FROM declaration_version WHERE declaration_no = ? "
                + "AND version = ?", String.class, number, version);
    }

    private static List<String> history(TestApp app, String number) {
        StringWriter out = new StringWriter();
        assertThat(EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "history", SENDER, number)).isEqualTo(ExitCodes.OK);
        return out.toString().lines().map(l -> l.replaceAll(" +", " ").strip()).toList();
    }

    private static String exceptions(TestApp app) {
        return app.jdbc().queryForList("SELECT code || ' ' || text FROM exception_item ORDER BY file_id, seq",
                String.class).toString();
    }

    private static int night(TestApp app) {
        return EdiBatchCommandLine.execute(app.context(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "run", "customs");
    }
}
