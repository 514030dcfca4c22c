package org.edibatch.xml;

import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.samples.xml.XmlDeclaration;
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

    /**
     * One declaration repeating a bad element 2,000 times (an importer whose name is 1,000 characters): every copy
     * was a schema error quoting the whole value, 4,000 errors of a kilobyte each for one declaration.
     */
    @Test
    void schemaErrorsPerDeclarationAreBoundedAndCounted() throws Exception {
        String name = "N".repeat(1000);
        XmlDeclaration d = XmlDeclaration.importDeclaration("FZX0001").trader("HANBIT001234", name)
                .item("9503003900", "CN", "100", "PCE", "800.00")
                .damage(t -> {
                    int from = t.indexOf("<Importer>");
                    int to = t.indexOf("</Importer>") + "</Importer>".length();
                    return t.substring(0, to) + t.substring(from, to).repeat(2000) + t.substring(to);
                });
        byte[] bytes = XmlBatch.from("HANBITTRD", "FZX01").declaration(d)
                .declaration(XmlDeclaration.importDeclaration("FZX0002").item("9503003900", "CN", "100", "PCE", "800.00"))
                .bytes();

        try (XmlDeclarationReader r = XmlDeclarationReader.open(new ByteArrayInputStream(bytes), XmlLimits.defaults())) {
            XmlDeclarationItem bad = r.next();
            assertThat(bad.xmlErrors()).hasSize(XmlDeclarationReader.MAX_ERRORS_PER_DECLARATION);
            assertThat(bad.xmlErrors()).allSatisfy(e -> assertThat(e.text()).hasSizeLessThanOrEqualTo(XmlDeclarationReader.MAX_ERROR_TEXT));
            assertThat(bad.xmlErrors().get(99).text()).matches("\\d+ more schema errors from here on, not listed \\(the first 99 are\\)");
            int more = Integer.parseInt(bad.xmlErrors().get(99).text().split(" ")[0]);
            assertThat(more).as("two errors for each of 2,001 importers, less the 99 listed").isGreaterThan(2000);
            XmlDeclarationItem good = r.next();
            assertThat(good.schemaValid()).isTrue();
            assertThat(r.next()).isNull();
            assertThat(r.refused()).isFalse();
        }
    }
}
