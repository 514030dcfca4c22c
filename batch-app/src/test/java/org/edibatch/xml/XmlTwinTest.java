package org.edibatch.xml;

import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationMapper;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.samples.SampleSet;
import org.edibatch.samples.xml.XmlSampleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same declaration as CUSDEC and as XML reaches the shared code as the same record, so it gets the
 * same checks, assessment, channel, ledger entry and answer figures.
 */
class XmlTwinTest {

    private static final CustomsRules RULES = CsvReference.defaultRules();

    private static List<DeclarationMapper.Result> edifact(byte[] file) throws Exception {
        List<DeclarationMapper.Result> out = new ArrayList<>();
        try (InterchangeReader r = InterchangeReader.open(new ByteArrayInputStream(file), true)) {
            EdifactMessage m;
            while ((m = r.next()) != null) {
                assertThat(m.errors()).isEmpty();
                out.add(new DeclarationMapper().map(r.header().sender(), m));
            }
        }
        return out;
    }

    @Test
    void sameSenderTwinsAreEqualRecordsWithEqualOutcomesAndLedgerEntries() throws Exception {
        List<DeclarationMapper.Result> edi = edifact(SampleSet.generate().get("good-hanbit-001.edi"));
        XmlTestSupport.Batch xml = XmlTestSupport.read(XmlSampleSet.hanbitTwins("HANBITTRD", "XHB0001"));
        assertThat(xml.items()).hasSize(edi.size()).hasSize(3);
        for (int i = 0; i < edi.size(); i++) {
            XmlDeclarationItem x = xml.items().get(i);
            assertThat(x.declaration()).isEqualTo(edi.get(i).declaration());
            assertThat(x.mappingErrors()).isEqualTo(edi.get(i).errors());
            DeclarationOutcome fromEdi = RULES.decide(edi.get(i).declaration(), edi.get(i).errors());
            DeclarationOutcome fromXml = RULES.decide(x.declaration(), x.mappingErrors());
            assertThat(fromXml).isEqualTo(fromEdi);
            assertThat(fromXml.accepted()).isTrue();
            assertThat(CustomsPostings.forAcceptedImport(fromXml, "P001"))
                    .isEqualTo(CustomsPostings.forAcceptedImport(fromEdi, "P001"));
        }
    }

    @Test
    void theSampleSetTwinDiffersOnlyInSenderAndAcceptanceNumber() throws Exception {
        List<DeclarationMapper.Result> edi = edifact(SampleSet.generate().get("good-hanbit-001.edi"));
        XmlTestSupport.Batch xml = XmlTestSupport.read(XmlSampleSet.generate().get("good-xml-hanbit-twin-001.xml"));
        assertThat(xml.header().senderId()).isEqualTo(XmlSampleSet.TWIN_SENDER);
        for (int i = 0; i < edi.size(); i++) {
            Declaration e = edi.get(i).declaration();
            Declaration x = xml.items().get(i).declaration();
            assertThat(x).isEqualTo(new Declaration(XmlSampleSet.TWIN_SENDER, e.declarationNo(), e.date(),
                    e.importerCode(), e.importerName(), e.declarantCode(), e.currency(), e.declaredTotal(), e.items()));
            DeclarationOutcome fromEdi = RULES.decide(e, List.of());
            DeclarationOutcome fromXml = RULES.decide(x, List.of());
            assertThat(fromXml.assessment()).isEqualTo(fromEdi.assessment());
            assertThat(fromXml.selection().channel()).isEqualTo(fromEdi.selection().channel());
        }
    }

    @Test
    void theXmlAnswerCarriesTheFiguresCusresCarries() throws Exception {
        DeclarationMapper.Result laptops = edifact(SampleSet.generate().get("good-hanbit-001.edi")).get(0);
        DeclarationOutcome o = RULES.decide(laptops.declaration(), laptops.errors());
        XmlResponse r = XmlResponse.of(1, "IMPORT", o, LocalDate.of(2026, 11, 25), BigDecimal.TEN);
        // USD 10,000.00 at 1,398.50 = KRW 13,985,000 customs value; duty and VAT as assessed
        assertThat(r.acceptance().customsValue()).isEqualByComparingTo("13985000");
        assertThat(r.acceptance().duty()).isEqualTo(o.assessment().duty());
        assertThat(r.acceptance().vat()).isEqualTo(o.assessment().vat());
        assertThat(r.acceptance().channelCode()).isEqualTo(o.selection().channel().code());
    }

    @Test
    void missingFieldsGiveTheMappersErrors() {
        String twin = new String(XmlSampleSet.hanbitTwins("HANBITTRD", "XHB0001"), java.nio.charset.StandardCharsets.UTF_8);
        String damaged = twin.replaceFirst("<IssueDate>2026-11-25</IssueDate>\n", "")
                .replaceFirst("<OriginCountry>CN</OriginCountry>\n", "")
                .replaceFirst("<TotalInvoiceAmount>10000.00</TotalInvoiceAmount>\n", "");
        XmlDeclarationItem x = XmlTestSupport.read(damaged.getBytes(java.nio.charset.StandardCharsets.UTF_8)).items().get(0);
        assertThat(x.xmlErrors()).isEmpty();
        assertThat(x.mappingErrors()).extracting(e -> e.code().code() + " " + e.pointer() + " " + e.detail())
                .containsExactly("C100 header DTM+137 declaration date missing",
                        "C100 item 1 LOC+27 country of origin missing",
                        "C100 header MOA+39 invoice total missing");
        assertThat(x.declaration().currency()).isNull();
    }
}
