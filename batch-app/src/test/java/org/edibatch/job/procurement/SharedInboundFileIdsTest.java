package org.edibatch.job.procurement;

import org.edibatch.intake.FileState;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.intake.InboundFiles;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customs intake and bid intake register files in the same table, one after the other in the nightly flow:
 * their ids must never collide (a collision fails the night's procurement run).
 */
@SlowTest
class SharedInboundFileIdsTest {

    @Test
    void customsAndProcurementIntakeTakeDistinctIdsInTheSameDatabase(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home)) {
            Path a = Files.writeString(home.resolve("a.edi"), "UNA");
            Path b = Files.writeString(home.resolve("b.xml"), "<x/>");
            Path c = Files.writeString(home.resolve("c.edi"), "UNA");
            TransactionTemplate tx = app.bean(TransactionTemplate.class);
            InboundFiles customs = new InboundFiles(app.jdbc(), app.bean(Clock.class));
            InboundFileRepository procurement = new InboundFileRepository(app.jdbc());
            Long first = tx.execute(s -> insertCustoms(customs, a, "a"));
            Long second = tx.execute(s -> {
                try {
                    return procurement.register(1, new InboundFileRepository.Registration("bid.xml", b, null, "b", "XML",
                            "V001", FileState.CLAIMED, null, null, "NONE", null, Instant.parse(TestApp.FIXED_CLOCK)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Long third = tx.execute(s -> insertCustoms(customs, c, "c"));
            assertThat(first).isEqualTo(1L);
            assertThat(second).isEqualTo(2L);
            assertThat(third).isEqualTo(3L);
        }
    }

    private static Long insertCustoms(InboundFiles customs, Path file, String sha) {
        try {
            return customs.insert(1, file, null, file.getFileName().toString(), sha, "EDIFACT", "S", FileState.CLAIMED,
                    null, null, "NONE", null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
