package org.edibatch.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.edibatch.customs.ContentError;
import org.edibatch.xml.XmlDeclarationItem;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlErrorCode;
import org.edibatch.xml.XmlLimits;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XML declaration reader fuzzed the way the claim ({@link XmlDeclarationReader#scan}) and the customs step
 * ({@link XmlDeclarationReader#open} and {@code next()}) use it: it never throws on bad input, a refusal carries
 * an X code, every declaration handed out is accepted or carries X002 codes (at most 100) or content codes C1xx
 * (those of a schema-valid declaration, bounded by its 999 goods items), both passes
 * count the same declarations, and each input costs at most {@link Bounded#CPU_MS} ms of CPU.
 */
class XmlReaderFuzzTest {

    private static final Set<String> X_CODES = Arrays.stream(XmlErrorCode.values()).map(XmlErrorCode::code)
            .collect(Collectors.toUnmodifiableSet());

    @Provide
    Arbitrary<Mutator.Input> batches() {
        return Arbitraries.longs().map(Mutator::xml);
    }

    @Property
    void everyBatchEndsWithACodedOutcome(@ForAll("batches") Mutator.Input input) {
        Bounded.run(input, () -> decide(input.bytes()));
    }

    static void decide(byte[] bytes) throws Exception {
        XmlDeclarationReader.Scan scan = XmlDeclarationReader.scan(new ByteArrayInputStream(bytes), XmlLimits.defaults());
        if (scan.refused()) {
            assertThat(scan.batchErrors()).as("a refusal says why").isNotEmpty();
            assertThat(X_CODES).contains(scan.batchErrors().get(0).code());
            return;
        }
        for (XmlError e : scan.batchErrors()) {
            assertThat(e.code()).isEqualTo(XmlErrorCode.SCHEMA_INVALID.code());
        }
        int read = 0;
        int accepted = 0;
        int rejected = 0;
        try (XmlDeclarationReader reader = XmlDeclarationReader.open(new ByteArrayInputStream(bytes), XmlLimits.defaults())) {
            XmlDeclarationItem item;
            while ((item = reader.next()) != null) {
                assertThat(item.index()).isEqualTo(read);
                read++;
                assertThat(item.declaration()).as("declaration %d", item.index()).isNotNull();
                assertThat(item.xmlErrors()).as("schema errors of declaration %d", item.index()).hasSizeLessThanOrEqualTo(100);
                if (item.schemaValid()) {
                    // Content errors are answered only for a schema-valid declaration (CustomsProcessor), whose
                    // 999 goods items at most bound them: at most two per item and three in the header.
                    assertThat(item.mappingErrors()).hasSizeLessThanOrEqualTo(2 * 999 + 3);
                }
                for (XmlError e : item.xmlErrors()) {
                    assertThat(e.code()).isEqualTo(XmlErrorCode.SCHEMA_INVALID.code());
                }
                for (ContentError e : item.mappingErrors()) {
                    assertThat(e.code().code()).matches("C\\d{3}");
                }
                if (item.schemaValid() && item.mappingErrors().isEmpty()) {
                    accepted++;
                } else {
                    rejected++;
                }
            }
            assertThat(reader.refused()).as("the customs read refused what the claim's scan accepted").isFalse();
        }
        assertThat(accepted + rejected).as("declarations read = accepted + rejected").isEqualTo(read);
        assertThat(read).as("declarations: customs read vs claim's scan").isEqualTo(scan.declarations());
    }
}
