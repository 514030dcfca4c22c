package org.edibatch.job.customs;

import org.edibatch.answer.AnswerFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AnswerOutboxTest {

    private static ByteArrayOutputStream content(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return b;
    }

    @Test
    void everySubmittedAnswerIsWrittenOnceWithItsDigestAndAFailedOneIsLeftToTheAnswerStep(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("NOT_A_FOLDER"), "a file where a sender's folder would be");
        List<AnswerFile> written;
        try (AnswerOutbox outbox = new AnswerOutbox()) {
            for (int i = 0; i < 200; i++) { // more than the answers in flight and than a batch
                outbox.submit(i, "CONTRL", "S" + i % 3, dir.resolve("S" + i % 3).resolve("CONTRL_" + i + ".edi"),
                        content("UNB+" + i + "'"));
            }
            outbox.submit(999, "CUSRES", "X", dir.resolve("NOT_A_FOLDER").resolve("CUSRES_999.edi"), content("x"));
            written = outbox.awaitAll();
        }

        assertThat(written).hasSize(200).extracting(AnswerFile::fileId).doesNotHaveDuplicates()
                .doesNotContain(999L);
        for (AnswerFile w : written) {
            byte[] body = ("UNB+" + w.fileId() + "'").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(Path.of(w.path())).hasBinaryContent(body);
            assertThat(w.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void closingEndsTheWritingThreadsAfterWhatWasQueued(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            AnswerOutbox outbox = new AnswerOutbox();
            for (int i = 0; i < 40; i++) {
                outbox.submit(i, "CONTRL", "S", dir.resolve("S").resolve(i + ".edi"), content("b" + i));
            }
            outbox.close(); // waits up to 30 s for each writing thread: a thread left running fails the timeout
            assertThat(outbox.takeWritten()).hasSize(40);
        });
    }
}
