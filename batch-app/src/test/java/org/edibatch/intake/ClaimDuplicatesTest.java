package org.edibatch.intake;

import org.edibatch.samples.SampleSet;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates within one night's inbox: the claim registers files in windows (lookups and inserts batched), so
 * a copy must be found whether the original is still waiting to be written with it or already written in an
 * earlier window (an XML file closes a window).
 */
@SlowTest
class ClaimDuplicatesTest {

    @Test
    void copiesAndReusedControlReferencesAreRefusedWhereverTheOriginalIs(@TempDir Path home) throws Exception {
        byte[] original = SampleSet.generate().get("good-hanbit-001.edi");
        String text = new String(original, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("+HB0001'").contains("HB2611250001");
        // same envelope (sender HANBITTRD, control reference HB0001), other bytes
        byte[] sameRef = text.replace("HB2611250001", "HB2611259999").getBytes(StandardCharsets.ISO_8859_1);
        byte[] sameRefAgain = text.replace("HB2611250001", "HB2611258888").getBytes(StandardCharsets.ISO_8859_1);
        try (TestApp app = TestApp.start(home)) {
            Files.createDirectories(app.inbox());
            Files.write(app.inbox().resolve("a-orig.edi"), original);
            Files.write(app.inbox().resolve("b-copy.edi"), original);
            Files.write(app.inbox().resolve("b2-sameref.edi"), sameRef);
            // registered through the XML intake (refused here: its enveloped signature has no trust anchor)
            Files.write(app.inbox().resolve("c-batch.xml"), XmlSampleSet.hanbitTwins(XmlSampleSet.TWIN_SENDER, "XHB0001"));
            Files.write(app.inbox().resolve("d-copy.edi"), original);
            Files.write(app.inbox().resolve("e-sameref.edi"), sameRefAgain);
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);

            Map<String, Long> ids = new HashMap<>();
            Map<String, String> states = new HashMap<>();
            app.jdbc().query("SELECT original_name, id, state FROM inbound_file", rs -> {
                ids.put(rs.getString(1), rs.getLong(2));
                states.put(rs.getString(1), rs.getString(3));
            });
            assertThat(ids).as("ids in name order").containsEntry("a-orig.edi", 1L).containsEntry("b-copy.edi", 2L)
                    .containsEntry("b2-sameref.edi", 3L).containsEntry("c-batch.xml", 4L)
                    .containsEntry("d-copy.edi", 5L).containsEntry("e-sameref.edi", 6L);
            assertThat(states).containsEntry("a-orig.edi", "ARCHIVED");
            long a = ids.get("a-orig.edi");
            for (String copy : List.of("b-copy.edi", "d-copy.edi")) {
                assertThat(states).containsEntry(copy, "QUARANTINED");
                assertThat(firstException(app, copy)).isEqualTo("interchange rejected: Duplicate detected - "
                        + "the same file was received before (inbound file " + a + ")");
            }
            for (String reuse : List.of("b2-sameref.edi", "e-sameref.edi")) {
                assertThat(states).containsEntry(reuse, "QUARANTINED");
                assertThat(firstException(app, reuse)).isEqualTo("interchange rejected: Duplicate detected - "
                        + "interchange control reference HB0001 was already used by this sender (inbound file " + a + ")");
            }
        }
    }

    private static String firstException(TestApp app, String file) {
        return app.jdbc().queryForObject("SELECT text FROM exception_item WHERE file_name = ? ORDER BY seq LIMIT 1",
                String.class, file);
    }
}
