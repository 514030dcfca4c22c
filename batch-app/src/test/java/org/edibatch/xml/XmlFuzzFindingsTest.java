package org.edibatch.xml;

import org.edibatch.samples.xml.XmlSampleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs the fuzz properties (org.edibatch.fuzz) found to break the reader, kept as regression tests. */
class XmlFuzzFindingsTest {

    /**
     * A NUL inside a DOCTYPE's internal subset made the JDK's parser throw MissingResourceException
     * ("InvalidCharInDTD") out of the reader, which promises never to throw on bad input.
     */
    @Test
    void nulInsideTheInternalSubsetIsRefusedAsNotWellFormed() throws Exception {
        String text = new String(XmlSampleSet.billionLaughs(), StandardCharsets.UTF_8);
        int at = text.indexOf("<!ENTITY lol1");
        byte[] bytes = (text.substring(0, at) + '\0' + text.substring(at)).getBytes(StandardCharsets.UTF_8);

        XmlDeclarationReader.Scan scan = XmlDeclarationReader.scan(new ByteArrayInputStream(bytes), XmlLimits.defaults());

        assertThat(scan.refused()).isTrue();
        assertThat(scan.declarations()).isZero();
        assertThat(scan.batchErrors()).hasSize(1);
        assertThat(scan.batchErrors().get(0).code()).isEqualTo(XmlErrorCode.NOT_WELL_FORMED.code());
        assertThat(scan.batchErrors().get(0).text()).contains("MissingResourceException");
        try (XmlDeclarationReader r = XmlDeclarationReader.open(new ByteArrayInputStream(bytes), XmlLimits.defaults())) {
            assertThat(r.next()).isNull();
            assertThat(r.refused()).isTrue();
        }
    }
}
