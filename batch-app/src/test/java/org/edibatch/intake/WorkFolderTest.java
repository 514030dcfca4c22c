package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work folder's layout without a database: deliveries grouped from inbox names, moves a crash interrupted
 * finished on restart, archive names bounded, and a copy that later writes to the delivered file cannot reach.
 */
class WorkFolderTest {

    private static final EdiBatchProperties.Intake AT_ONCE = new EdiBatchProperties.Intake(Duration.ZERO, Duration.ZERO);

    @Test
    void signaturesTravelWithTheirFileAndEveryOtherNameIsADeliveryOfItsOwn(@TempDir Path inbox) throws Exception {
        for (String n : List.of("a.edi", "a.edi.p7s", "b.edi.p7m", "b.edi.p7m.p7s", "c.edi.p7m.content",
                "lost.edi.p7s", ".hidden", "upload.part")) {
            Files.writeString(inbox.resolve(n), n);
        }
        Deliveries.Scan scan = Deliveries.scan(inbox, AT_ONCE, Instant.now().plusSeconds(60), d -> { });
        assertThat(scan.ready()).extracting(d -> d.name() + "|" + (d.signature() == null ? "" : d.signature().name())
                + "|" + d.role()).containsExactly(
                "a.edi|a.edi.p7s|null",
                "b.edi.p7m||null",
                "b.edi.p7m.p7s||" + Deliveries.SIGNATURE_BESIDE_P7M,
                "c.edi.p7m.content||null",
                "lost.edi.p7s||" + Deliveries.ORPHAN_SIGNATURE);
    }

    @Test
    void aSignatureWithoutItsFileWaitsOutItsGrace(@TempDir Path inbox) throws Exception {
        Files.writeString(inbox.resolve("lost.edi.p7s"), "x");
        Deliveries.Scan scan = Deliveries.scan(inbox, new EdiBatchProperties.Intake(Duration.ZERO, Duration.ofHours(1)),
                Instant.now().plusSeconds(60), d -> { });
        assertThat(scan.ready()).isEmpty();
        assertThat(scan.left()).containsOnlyKeys("lost.edi.p7s");
    }

    @Test
    void aDeliveryThatChangesDuringTheWaitIsLeftAndOneThatDoesNotIsClaimed(@TempDir Path inbox) throws Exception {
        Path growing = Files.writeString(inbox.resolve("growing.edi"), "UNB");
        Files.writeString(inbox.resolve("still.edi"), "UNB");
        EdiBatchProperties.Intake settle = new EdiBatchProperties.Intake(Duration.ofSeconds(30), Duration.ZERO);
        Deliveries.Scan scan = Deliveries.scan(inbox, settle, Instant.now(),
                d -> {
                    try {
                        Files.writeString(growing, "UNB+UNOC", StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(scan.ready()).extracting(Deliveries.Delivery::name).containsExactly("still.edi");
        assertThat(scan.left()).containsOnlyKeys("growing.edi");
    }

    @Test
    void aRestartFinishesTheMovesACrashInterrupted(@TempDir Path home) throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        WorkFolder work = new WorkFolder(home.resolve("work"));
        Files.createDirectories(work.dir());
        // crashed after moving the signature, before its file
        Files.writeString(work.dir().resolve("1.name"), "FILE\nx.edi", StandardCharsets.UTF_8);
        Files.writeString(work.dir().resolve("1.p7s.in"), "sig");
        Files.writeString(inbox.resolve("x.edi"), "content");
        // crashed after writing the record, before moving anything
        Files.writeString(work.dir().resolve("2.name"), "FILE\ny.edi", StandardCharsets.UTF_8);
        Files.writeString(inbox.resolve("y.edi"), "other");

        work.recover(inbox);
        assertThat(work.dir().resolve("1.in")).hasContent("content");
        assertThat(work.dir().resolve("2.name")).doesNotExist();
        work.take(Deliveries.scan(inbox, AT_ONCE, Instant.now().plusSeconds(60), d -> { }).ready());
        assertThat(work.units()).extracting(u -> u.number() + ":" + u.name()).containsExactly("1:x.edi", "2:y.edi");
        assertThat(work.dir().resolve("2.in")).hasContent("other");
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void theCopyIsWhatWasHashedWhateverIsWrittenThroughAnEarlierDescriptor(@TempDir Path dir) throws Exception {
        Path delivered = Files.writeString(dir.resolve("1.in"), "UNB+UNOC:3+SENDER+KCS'");
        try (FileChannel sender = FileChannel.open(delivered, StandardOpenOption.WRITE)) {
            FileDigest.Read<Void> read = FileDigest.copyWhile(delivered, dir.resolve("1.data"), null);
            sender.write(ByteBuffer.wrap("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX".getBytes(StandardCharsets.US_ASCII)), 0);
            assertThat(dir.resolve("1.data")).hasContent("UNB+UNOC:3+SENDER+KCS'");
            assertThat(read.hex()).isEqualTo(FileDigest.sha256(dir.resolve("1.data")));
        }
    }

    @Test
    void keptNamesAreBoundedAndHarmless() {
        assertThat(WorkFolder.keptName(7, "good-hanbit-001.edi")).isEqualTo("7_good-hanbit-001.edi");
        assertThat(WorkFolder.keptName(3, "-a b\nc.edi")).isEqualTo("3_-a_b_c.edi");
        assertThat(WorkFolder.keptName(12, "수입.edi")).isEqualTo("12___.edi");
        String longName = WorkFolder.keptName(99, "L".repeat(251) + ".edi");
        assertThat(longName).hasSize("99_".length() + 100).endsWith(".edi").contains("~");
    }
}
