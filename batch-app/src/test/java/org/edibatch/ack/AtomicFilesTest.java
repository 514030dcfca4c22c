package org.edibatch.ack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @Test
    void writesTheWholeFileUnderItsNameAndReturnsTheDigestOfItsBytes(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("SENDER/CONTRL_1_7.edi");
        byte[] body = "UNB+UNOC:3+KCS+SENDER'".getBytes(StandardCharsets.ISO_8859_1);
        String sha = AtomicFiles.write(target, out -> out.write(body));
        assertThat(target).hasBinaryContent(body);
        assertThat(sha).isEqualTo(HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(body)));
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left).containsExactly(target); // no temp file left beside it
        }
    }

    @Test
    void stagedFilesAppearOnlyWhenTheirBatchIsCommitted(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("A/CONTRL_1_1.edi");
        Path b = dir.resolve("B/CUSRES_2_1.edi");
        Files.createDirectories(a.getParent());
        Files.writeString(a, "an earlier answer");
        AtomicFiles.Staged sa = AtomicFiles.stage(a, out -> out.write('a'));
        AtomicFiles.Staged sb = AtomicFiles.stage(b, out -> out.write('b'));

        assertThat(a).hasContent("an earlier answer"); // nothing replaced before the commit
        assertThat(b).doesNotExist();

        AtomicFiles.commit(List.of(sa, sb));

        assertThat(a).hasContent("a");
        assertThat(b).hasContent("b");
        assertThat(sb.sha256()).isEqualTo(HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(new byte[]{'b'})));
        try (Stream<Path> left = Files.list(a.getParent()); Stream<Path> leftB = Files.list(b.getParent())) {
            assertThat(Stream.concat(left, leftB)).containsExactlyInAnyOrder(a, b);
        }
    }

    @Test
    void aFolderThatCannotBeFlushedIsAnErrorNotASilentSuccess(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("A"));
        AtomicFiles.syncDirectories(List.of(a, a, dir)); // the same folder twice: flushed once, no error
        assertThatThrownBy(() -> AtomicFiles.syncDirectories(List.of(a, dir.resolve("gone"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("gone");
    }
}
