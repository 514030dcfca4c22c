package org.edibatch.xml;

import org.edibatch.customs.CustomsRules;
import org.edibatch.samples.xml.XmlSampleSet;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to every sample is valid against customs-response-1.xsd and carries the sample's codes. */
class XmlAnswerWriterTest {

    private static final CustomsRules RULES = CsvReference.defaultRules();
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 18, 0, 0, 0, ZoneOffset.ofHours(9));

    /** What the job will do, minus the database: read, decide, answer. */
    static String answer(byte[] batch) throws IOException {
        XmlTestSupport.Batch b = XmlTestSupport.read(batch);
        String sender = b.header() == null ? null : b.header().senderId();
        String batchId = b.header() == null ? null : b.header().batchId();
        XmlAnswerWriter.Header h = new XmlAnswerWriter.Header("KCS", sender, "RX0001", NOW, batchId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (b.refused()) {
            XmlAnswerWriter.refused(out, h, b.batchErrors());
        } else {
            XmlAnswerWriter w = XmlAnswerWriter.processed(out, h, b.items().size(), b.batchErrors());
            for (XmlDeclarationItem i : b.items()) {
                w.write(i.schemaValid()
                        ? XmlResponse.of(i.index() + 1, i.kind(), RULES.decide(i.declaration(), i.mappingErrors()),
                        NOW.toLocalDate(), BigDecimal.TEN)
                        : XmlResponse.rejected(i.index() + 1, i.kind(), i.declaration().declarationNo(),
                        i.declaration().date(), i.xmlErrors()));
            }
            w.finish();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void assertValid(String answer) throws IOException {
        try {
            XmlSchemas.response().newValidator().validate(new StreamSource(
                    new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8))));
        } catch (SAXException e) {
            throw new AssertionError(e.getMessage() + "\n" + answer, e);
        }
    }

    @Test
    void everySamplesAnswerIsValid() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : XmlSampleSet.generate().entrySet()) {
            String a = answer(e.getValue());
            assertValid(a);
            String name = e.getKey();
            // the sample's own code is in its answer: bad-xml-content-c110-... answers C110
            String code = name.replaceAll("^bad-xml-(content-)?([cx]\\d{3}).*", "$2").toUpperCase();
            if (name.startsWith("bad-") && !code.equals("C150") && !a.contains("<Code>" + code + "</Code>")) {
                failures.add(name + " lacks " + code);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void acceptanceCarriesTaxesAndChannel() throws IOException {
        String a = answer(XmlSampleSet.hanbitTwins("HANBITTRD", "XHB0001"));
        assertThat(a).contains("<StatusCode>PROCESSED</StatusCode>", "<DeclarationCount>3</DeclarationCount>",
                "<DeclarationID>HB2611250001</DeclarationID>", "<CustomsValueAmount currencyID=\"KRW\">13985000",
                "<Code>G</Code>", "<ReferencedBatchID>XHB0001</ReferencedBatchID>", "<RecipientID>HANBITTRD</RecipientID>");
    }

    @Test
    void refusalCarriesLineAndColumn() throws IOException {
        String a = answer(XmlSampleSet.billionLaughs());
        assertThat(a).contains("<StatusCode>REFUSED</StatusCode>", "<Code>X003</Code>", "<Line>13</Line>")
                .doesNotContain("<CustomsResponse>");
    }

    @Test
    void rejectionCarriesPointerLineAndColumn() throws IOException {
        String a = answer(XmlSampleSet.generate().get("bad-xml-x002-bad-type.xml"));
        assertThat(a).contains("<Rejected>", "<Code>X002</Code>",
                "<Pointer>/DeclarationBatch/ImportDeclaration[2]/GoodsItem[1]/Quantity[1]</Pointer>", "<Line>31</Line>");
        assertThat(a.split("<Accepted>", -1)).hasSize(3);
    }

    @Test
    void anAnswerTheSchemaForbidsIsCaught() {
        String broken = "<CustomsResponseBatch xmlns=\"" + XmlSchemas.RESPONSE_NS + "\"><SenderID>KCS</SenderID>"
                + "</CustomsResponseBatch>";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertValid(broken)).isInstanceOf(AssertionError.class);
    }

    @Test
    void declarationDateOfARejectionIsKept() throws IOException {
        String a = answer(XmlSampleSet.generate().get("bad-xml-content-c110-unknown-importer.xml"));
        assertThat(a).contains("<DeclarationIssueDate>" + LocalDate.of(2026, 11, 25) + "</DeclarationIssueDate>");
    }
}
