package org.edibatch.xml;

import org.edibatch.samples.xml.XmlSampleSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each limit refuses the file with X004 at the line and column where it was reached. */
class XmlLimitsTest {

    private static final byte[] GOOD = XmlSampleSet.generate().get("good-xml-hanbit-twin-001.xml");

    private static XmlError refusal(byte[] file, XmlLimits limits) {
        XmlTestSupport.Batch b = XmlTestSupport.read(file, limits);
        assertThat(b.refused()).isTrue();
        XmlError e = b.refusal();
        assertThat(e.code()).isEqualTo("X004");
        assertThat(e.line()).isPositive();
        assertThat(e.column()).isPositive();
        return e;
    }

    @Test
    void theGoodSampleIsWithinTheDefaults() {
        assertThat(XmlTestSupport.read(GOOD).refused()).isFalse();
    }

    @Test
    void eachLimitNamesItselfAndWhere() {
        Map<XmlLimits, String> cases = Map.of(
                XmlLimits.defaults().withMaxBytes(1000), "file larger than 1000 bytes",
                XmlLimits.defaults().withMaxDepth(4), "nested deeper than 4",
                XmlLimits.defaults().withMaxElements(12), "more than 12 elements",
                XmlLimits.defaults().withMaxDeclarationElements(5), "more than 5 elements",
                XmlLimits.defaults().withMaxTextLength(10), "text longer than 10");
        cases.forEach((limits, text) -> assertThat(refusal(GOOD, limits).text()).contains(text));
        XmlError depth = refusal(GOOD, XmlLimits.defaults().withMaxDepth(4));
        assertThat(depth.line()).isEqualTo(15);
        assertThat(depth.pointer()).endsWith("CommodityClassification[1]/ItemClassificationCode[1]");
    }

    @Test
    void aHugeCommentOrAttributeIsStoppedBeforeTheParserBuffersIt() {
        String text = new String(GOOD, StandardCharsets.UTF_8);
        byte[] comment = text.replace("<BatchID>", "<!--" + "x".repeat(3 << 20) + "--><BatchID>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(comment, XmlLimits.defaults()).text()).contains("without a complete XML token");
        byte[] attribute = text.replace("<ItemClassificationCode listID=\"HSK\">",
                "<ItemClassificationCode listID=\"" + "H".repeat(3 << 20) + "\">").getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(attribute, XmlLimits.defaults()).text()).contains("without a complete XML token");
    }
}
