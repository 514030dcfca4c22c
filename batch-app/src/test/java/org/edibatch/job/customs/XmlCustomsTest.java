package org.edibatch.job.customs;

import org.edibatch.cli.PkiCommands;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.Segment;
import org.edibatch.samples.SampleSet;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Answers;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.xml.XmlSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EDIFACT and XML declarations from the same inbox in one signed run: the XML twin of an EDIFACT interchange
 * is assessed and posted identically, every bad XML sample gets its coded XML answer and a line in the
 * exception file, and XXE or entity expansion is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class XmlCustomsTest {

    private Path home;
    private TestApp app;
    private JobExecution run;
    private Map<String, byte[]> xmlSamples;

    @BeforeAll
    void run(@TempDir Path dir) throws Exception {
        home = dir;
        DemoPki pki = DemoPki.create(dir.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        app = TestApp.start(home, "edibatch.signature.required=true",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Path staging = dir.resolve("staging");
        SampleSet.write(staging, Map.of("good-hanbit-001.edi", SampleSet.generate().get("good-hanbit-001.edi")));
        xmlSamples = XmlSampleSet.generate();
        SampleSet.write(staging, xmlSamples);
        Files.createDirectories(app.inbox());
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : files.toList()) {
                String signer = f.getFileName().toString().contains("twin") ? XmlSampleSet.TWIN_SENDER : "HANBITTRD";
                new CmsSigner().sign(f, app.inbox().resolve(f.getFileName() + ".p7s"), pki.credential(signer), true);
                Files.copy(f, app.inbox().resolve(f.getFileName()));
            }
        }
        run = app.runCustoms("xml");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private Document answer(String sampleName) throws Exception {
        Map<String, Object> f = app.jdbc().queryForMap("SELECT a.path FROM answer a JOIN inbound_file f ON f.id = a.file_id "
                + "WHERE f.original_name = ? AND a.kind = 'XMLRES'", sampleName);
        Path path = Path.of((String) f.get("path"));
        XmlSchemas.response().newValidator().validate(new StreamSource(path.toFile()));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(path.toFile());
    }

    private static List<String> texts(Document d, String localName) {
        NodeList nodes = d.getElementsByTagNameNS("*", localName);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent().trim()).toList();
    }

    @Test
    void edifactAndXmlAreTakenFromTheSameInboxInOneRun() {
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(app.jdbc().queryForList("SELECT DISTINCT format FROM inbound_file WHERE run_id = ? ORDER BY 1",
                String.class, run.getJobInstance().getInstanceId())).containsExactly("EDIFACT", "XML");
    }

    @Test
    void theXmlTwinIsAssessedAndPostedExactlyAsItsEdifactOriginal() throws Exception {
        Document xml = answer("good-xml-hanbit-twin-001.xml");
        List<EdifactMessage> cusres = Answers.parseValid(Answers.one(home.resolve("outbox/HANBITTRD"), "CUSRES_HB0001_"));
        List<String> ids = texts(xml, "DeclarationID");
        assertThat(ids).containsExactly("HB2611250001", "HB2611250002", "HB2611250003");
        List<String> duty = texts(xml, "DutyAmount");
        List<String> vat = texts(xml, "VATAmount");
        List<String> value = texts(xml, "CustomsValueAmount");
        for (int i = 0; i < 3; i++) {
            // D96B order: the TAX+7 CUD group (MOA+40 customs value, MOA+124 duty), then TAX+7 VAT (MOA+124)
            List<Segment> moa = Answers.segments(cusres.get(i), "MOA");
            assertThat(moa.get(0).value(1, 1)).isEqualTo("40");
            assertThat(new BigDecimal(value.get(i))).isEqualByComparingTo(moa.get(0).value(1, 2));
            assertThat(new BigDecimal(duty.get(i))).isEqualByComparingTo(moa.get(1).value(1, 2));
            assertThat(new BigDecimal(vat.get(i))).isEqualByComparingTo(moa.get(2).value(1, 2));
            String no = ids.get(i);
            String sql = "SELECT l.line_no, l.account_code, l.party_id, l.debit, l.credit FROM journal_line l "
                    + "JOIN journal_entry e ON e.id = l.entry_id WHERE e.idempotency_key = ? ORDER BY l.line_no";
            List<Map<String, Object>> fromEdifact = app.jdbc().queryForList(sql, "CUSDEC:HANBITTRD:" + no);
            List<Map<String, Object>> fromXml = app.jdbc().queryForList(sql, "CUSDEC:" + XmlSampleSet.TWIN_SENDER + ":" + no);
            assertThat(fromXml).isNotEmpty().isEqualTo(fromEdifact);
        }
    }

    @Test
    void aVersionTwoBatchIsAnsweredInVersionTwoWithItsAmendments() throws Exception {
        Document xml = answer("amend-xml-v2-003.xml");
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo(XmlSchemas.RESPONSE_NS_2);
        assertThat(texts(xml, "FunctionCode")).containsExactly("5", "1");
        assertThat(texts(xml, "ProcessingIndicatorCode")).containsExactly("15", "15");
        // replaced: 339,835 owed before, 169,917 after; the laptop's 139,850 reversed (see XmlSampleSet)
        assertThat(texts(xml, "DifferenceAmount")).containsExactly("-169918", "-139850");
        assertThat(texts(xml, "Cancelled")).hasSize(1);
        assertThat(app.jdbc().queryForObject("SELECT SUM(l.debit - l.credit) FROM journal_line l JOIN journal_entry e "
                + "ON e.id = l.entry_id WHERE l.account_code = '1100' AND e.idempotency_key LIKE 'CUSDEC:HANBITTRD:HX26112592%'",
                BigDecimal.class)).isEqualByComparingTo("169917");
    }

    @Test
    void anExportIsAcceptedSelectedAndAnsweredWithoutDutyOrVat() throws Exception {
        Document xml = answer("good-xml-export-002.xml");
        List<String> kinds = texts(xml, "DeclarationTypeCode");
        assertThat(kinds).containsExactly("EXPORT", "IMPORT");
        assertThat(texts(xml, "AcceptanceID")).hasSize(2);
        assertThat(new BigDecimal(texts(xml, "DutyAmount").get(0))).isZero();
        assertThat(new BigDecimal(texts(xml, "VATAmount").get(0))).isZero();
        assertThat(new BigDecimal(texts(xml, "CustomsValueAmount").get(0))).isPositive();
        assertThat(new BigDecimal(texts(xml, "VATAmount").get(1))).isPositive();
        assertThat(texts(xml, "Code")).hasSizeGreaterThanOrEqualTo(2); // each acceptance carries its channel
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry WHERE idempotency_key = ?",
                Integer.class, "CUSDEC:HANBITTRD:HE2611250001")).as("nothing owed, nothing posted").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "bad-xml-content-c100-missing-importer.xml", "bad-xml-content-c101-invalid-date.xml",
            "bad-xml-content-c110-unknown-importer.xml", "bad-xml-content-c111-importer-suspended.xml",
            "bad-xml-content-c120-unknown-hs-code.xml", "bad-xml-content-c130-missing-exchange-rate.xml",
            "bad-xml-content-c140-totals-mismatch.xml", "bad-xml-content-c141-currency-mismatch.xml",
            "bad-xml-content-c150-duplicate-declaration.xml", "bad-xml-x002-missing-element.xml",
            "bad-xml-x002-bad-type.xml", "bad-xml-x002-unknown-element.xml", "bad-xml-x002-header-missing-sender.xml",
            "bad-xml-x001-not-well-formed.xml", "bad-xml-x003-xxe-file.xml", "bad-xml-x003-xxe-http.xml",
            "bad-xml-x003-external-dtd.xml", "bad-xml-x003-parameter-entity.xml", "bad-xml-x003-billion-laughs.xml",
            "bad-xml-x004-depth.xml", "bad-xml-x004-text-length.xml"})
    void eachBadXmlSampleGetsItsCodedAnswerAndAnExceptionLine(String sample) throws Exception {
        String code = sample.split("-")[sample.contains("content") ? 3 : 2].toUpperCase();
        Document xml = answer(sample);
        List<String> codes = texts(xml, "Code");
        assertThat(codes).as(sample).contains(code);
        Integer lines = app.jdbc().queryForObject("SELECT COUNT(*) FROM exception_item WHERE file_name = ? AND code = ?",
                Integer.class, sample, code);
        assertThat(lines).as(sample).isPositive();
        if (code.startsWith("X00") && !code.equals("X002") || sample.contains("header")) {
            Map<String, Object> f = app.jdbc().queryForMap("SELECT state FROM inbound_file WHERE original_name = ?", sample);
            assertThat(f.get("state")).isEqualTo("QUARANTINED");
            Element status = (Element) xml.getElementsByTagNameNS("*", "StatusCode").item(0);
            assertThat(status.getTextContent().trim()).isEqualTo("REFUSED");
        }
    }

    @Test
    void entityAttacksNeverLeakWhatTheyPointAt() throws Exception {
        for (String sample : List.of("bad-xml-x003-xxe-file.xml", "bad-xml-x003-billion-laughs.xml")) {
            String answerText = Files.readString(Path.of(app.jdbc().queryForObject("SELECT a.path FROM answer a "
                    + "JOIN inbound_file f ON f.id = a.file_id WHERE f.original_name = ?", String.class, sample)));
            assertThat(answerText).doesNotContain("root:x:0:0").doesNotContain("lollollol");
        }
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "WHERE f.original_name LIKE 'bad-xml-x003%'", Integer.class)).isZero();
    }
}
