package org.edibatch.samples;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample files committed for the demo are exactly what the generator makes: nobody edits them by hand. */
class CommittedSamplesTest {

    @Test
    void committedSamplesEqualTheGeneratorsOutput() throws Exception {
        Path dir = Path.of("edifact");
        Map<String, byte[]> generated = SampleSet.generate();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
        generated.forEach((name, bytes) -> {
            try {
                assertThat(Files.readAllBytes(dir.resolve(name))).as(name + " (regenerate with SampleSet)").isEqualTo(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void committedXmlSamplesEqualTheGeneratorsOutput() throws Exception {
        Map<String, byte[]> generated = org.edibatch.samples.xml.XmlSampleSet.generate();
        try (Stream<Path> files = Files.list(Path.of("xml"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
        for (var e : generated.entrySet()) {
            assertThat(Files.readAllBytes(Path.of("xml", e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void everyBadSampleNamesItsFaultAndEveryInterchangeHasAUniqueControlReference() {
        Map<String, byte[]> generated = SampleSet.generate();
        assertThat(generated.keySet()).filteredOn(n -> n.startsWith("bad-0085-"))
                .extracting(n -> n.split("-")[2])
                .contains("12", "13", "16", "21", "26", "28", "29", "35", "37", "39", "40", "45");
        var refs = generated.values().stream().map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))
                .filter(t -> t.startsWith("UNB") || t.startsWith("UNA"))
                .map(t -> t.substring(0, t.indexOf('\'', t.indexOf("UNB"))))
                .map(unb -> unb.substring(unb.lastIndexOf('+') + 1)).toList();
        assertThat(refs).doesNotHaveDuplicates();
    }
}
