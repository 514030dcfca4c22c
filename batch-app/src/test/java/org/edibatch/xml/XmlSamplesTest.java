package org.edibatch.xml;

import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.MessageFunction;
import org.edibatch.samples.xml.XmlSampleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every XML sample gets the answer it was made for; the good declarations around a bad one stand. */
class XmlSamplesTest {

    private static final Map<String, byte[]> SAMPLES = XmlSampleSet.generate();
    private static final CustomsRules RULES = CsvReference.defaultRules();

    private static DeclarationOutcome decide(XmlDeclarationItem item) {
        assertThat(item.xmlErrors()).isEmpty();
        return RULES.decide(item.declaration(), item.mappingErrors());
    }

    @Test
    void goodSamplesAreAcceptedWhole() {
        for (String name : List.of("good-xml-hanbit-twin-001.xml", "good-xml-export-002.xml")) {
            XmlTestSupport.Batch b = XmlTestSupport.read(SAMPLES.get(name));
            assertThat(b.refused()).as(name).isFalse();
            assertThat(b.batchErrors()).as(name).isEmpty();
            assertThat(b.items()).as(name).allSatisfy(i -> assertThat(decide(i).accepted()).isTrue());
        }
        XmlTestSupport.Batch export = XmlTestSupport.read(SAMPLES.get("good-xml-export-002.xml"));
        assertThat(export.items()).extracting(XmlDeclarationItem::kind).containsExactly("EXPORT", "IMPORT");
        assertThat(export.items().get(0).declaration().importerCode()).isEqualTo("HANBIT001234");
    }

    @ParameterizedTest
    @CsvSource({
            "bad-xml-content-c100-missing-importer.xml, C100",
            "bad-xml-content-c101-invalid-date.xml, C101",
            "bad-xml-content-c110-unknown-importer.xml, C110",
            "bad-xml-content-c111-importer-suspended.xml, C111",
            "bad-xml-content-c120-unknown-hs-code.xml, C120",
            "bad-xml-content-c130-missing-exchange-rate.xml, C130",
            "bad-xml-content-c140-totals-mismatch.xml, C140",
            "bad-xml-content-c141-currency-mismatch.xml, C141"})
    void eachContentErrorRejectsOnlyItsDeclaration(String name, String code) {
        XmlTestSupport.Batch b = XmlTestSupport.read(SAMPLES.get(name));
        assertThat(b.refused()).isFalse();
        assertThat(b.items()).hasSize(3);
        assertThat(decide(b.items().get(0)).accepted()).isTrue();
        assertThat(decide(b.items().get(2)).accepted()).isTrue();
        DeclarationOutcome bad = decide(b.items().get(1));
        assertThat(bad.accepted()).isFalse();
        assertThat(bad.errors()).extracting(e -> e.code().code()).containsExactly(code);
    }

    @Test
    void duplicateNumberIsTheThirdDeclaration() {
        // C150 is decided by the writer's insert into declaration_number; this is the same rule on a set
        XmlTestSupport.Batch b = XmlTestSupport.read(SAMPLES.get("bad-xml-content-c150-duplicate-declaration.xml"));
        Set<String> accepted = new HashSet<>();
        List<String> codes = b.items().stream().map(i -> {
            DeclarationOutcome o = decide(i);
            boolean fresh = accepted.add(i.declaration().sender() + ":" + i.declaration().declarationNo());
            return (fresh ? o : o.asDuplicate()).errors().stream().map(e -> e.code().code()).toList();
        }).map(String::valueOf).toList();
        assertThat(codes).containsExactly("[]", "[]", "[C150]");
    }

    @ParameterizedTest
    @CsvSource({
            "bad-xml-x002-missing-element.xml, 29, CommodityClassification",
            "bad-xml-x002-bad-type.xml, 31, 1O0",
            "bad-xml-x002-unknown-element.xml, 32, Colour"})
    void schemaErrorsRejectTheirDeclarationWithLineAndColumn(String name, int line, String mentioned) {
        XmlTestSupport.Batch b = XmlTestSupport.read(SAMPLES.get(name));
        assertThat(b.refused()).isFalse();
        assertThat(b.items()).hasSize(3);
        assertThat(b.items().get(0).xmlErrors()).isEmpty();
        assertThat(b.items().get(2).xmlErrors()).isEmpty();
        List<XmlError> errors = b.items().get(1).xmlErrors();
        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.code()).isEqualTo("X002");
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isPositive();
            assertThat(e.pointer()).startsWith("/DeclarationBatch/ImportDeclaration[2]/GoodsItem[1]");
        });
        assertThat(errors.get(0).text()).contains(mentioned);
        assertThat(b.items().get(1).declaration().declarationNo()).endsWith("0000002");
    }

    @ParameterizedTest
    @CsvSource({
            "bad-xml-x002-header-missing-sender.xml, X002",
            "bad-xml-x001-not-well-formed.xml, X001",
            "bad-xml-x003-xxe-file.xml, X003",
            "bad-xml-x003-xxe-http.xml, X003",
            "bad-xml-x003-external-dtd.xml, X003",
            "bad-xml-x003-parameter-entity.xml, X003",
            "bad-xml-x003-billion-laughs.xml, X003",
            "bad-xml-x004-depth.xml, X004",
            "bad-xml-x004-text-length.xml, X004"})
    void refusedWholeWithLineAndColumn(String name, String code) {
        XmlTestSupport.Batch b = XmlTestSupport.read(SAMPLES.get(name));
        assertThat(b.refused()).isTrue();
        assertThat(b.refusal().code()).isEqualTo(code);
        assertThat(b.refusal().line()).isPositive();
        assertThat(b.refusal().column()).isPositive();
    }

    @Test
    void theVersionTwoSampleCarriesItsMessageFunctions() {
        XmlTestSupport.Batch b = XmlTestSupport.read(SAMPLES.get("amend-xml-v2-003.xml"));
        assertThat(b.refused()).isFalse();
        assertThat(b.items()).allSatisfy(i -> assertThat(decide(i).accepted()).isTrue());
        assertThat(b.items()).extracting(i -> i.declaration().function())
                .containsExactly(MessageFunction.ORIGINAL, MessageFunction.REPLACEMENT, MessageFunction.ORIGINAL,
                        MessageFunction.CANCELLATION);
    }

    @Test
    void everySampleIsCoveredByATest() {
        assertThat(SAMPLES.keySet()).hasSize(24);
    }
}
