package org.edibatch.intake;

import org.edibatch.cli.EdiBatchCommandLine;
import org.edibatch.cli.PkiCommands;
import org.edibatch.job.customs.FaultDrill;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What a sender can put in the inbox besides a file, and how the claim takes each: names of any content or length,
 * links, directories, pipes, unreadable files, uploads still being written, signature files without their file or
 * beside a .p7m, and a file rewritten through a descriptor its sender kept open. Each night goes through the real
 * command; every delivery that leaves the inbox is registered and ends archived or quarantined with its reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ClaimFileSystemTest {

    private static final Pattern RUN = Pattern.compile("run (\\d+) completed: (\\d+) file\\(s\\) claimed");

    private Path home;
    private TestApp app;
    private DemoPki pki;
    private Map<String, byte[]> samples;

    private record Night(int code, String output, long run, long files) {
    }

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        this.home = home;
        pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        // signatures verified when present (the .p7m case), not required of the other samples
        app = TestApp.start(home, "edibatch.signature.required=false",
                "edibatch.trust.anchors=" + pki.trustDir(), "edibatch.trust.crls=" + pki.crlDir());
        Files.createDirectories(app.inbox());
        samples = SampleSet.generate();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static Night night(TestApp app, String... command) {
        StringWriter text = new StringWriter();
        String[] args = command.length == 0 ? new String[]{"run", "customs"} : command;
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(text), new PrintWriter(text), args);
        String output = text.toString();
        Matcher m = RUN.matcher(output);
        return m.find() ? new Night(code, output, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))
                : new Night(code, output, -1, -1);
    }

    private Map<String, Object> file(long run, String name) {
        return app.jdbc().queryForMap("SELECT * FROM inbound_file WHERE run_id = ? AND original_name = ?", run, name);
    }

    /** The codes of the run's FILE exception lines (selectivity lines of accepted declarations aside). */
    private List<String> codes(long run) {
        return app.jdbc().queryForList("SELECT code FROM exception_item WHERE run_id = ? AND category = 'FILE' "
                        + "ORDER BY file_id, seq",
                String.class, run);
    }

    /** A good sample under another control reference and other declaration numbers: not a duplicate of it. */
    private byte[] variant(String sample, String tag) {
        String text = new String(samples.get(sample), StandardCharsets.ISO_8859_1);
        int bgm = text.indexOf("BGM+929+") + "BGM+929+".length();
        String p = text.substring(bgm, bgm + 2);
        return text.replace("+" + p + "0001'", "+" + p + tag + "'").replace(p + "26112500", p + "2611" + tag)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void assertInboxEmpty() throws Exception {
        try (Stream<Path> s = Files.list(app.inbox())) {
            assertThat(s).isEmpty();
        }
    }

    /** The reason file beside a quarantined delivery. */
    private static String reason(Map<String, Object> f) throws Exception {
        return Files.readString(Path.of(f.get("final_path") + ".reason.txt"));
    }

    @Test
    void namesOfAnyContentOrLengthAreKeptAsDataAndTheirFilesDecided() throws Exception {
        Map<String, byte[]> dropped = new LinkedHashMap<>();
        // 255 bytes, the most a name may have: the claim must not add to it
        dropped.put("L".repeat(251) + ".edi", samples.get("good-hanbit-001.edi"));
        dropped.put("a name with spaces.edi", samples.get("good-seoulelec-002.edi"));
        dropped.put("수입신고-한빛.edi", samples.get("good-broker-003.edi"));
        dropped.put("line\nbreak.edi", samples.get("good-una-release-004.edi"));
        dropped.put("-leading-dash.edi", samples.get("good-unoy-005.edi"));
        for (var e : dropped.entrySet()) {
            Files.write(app.inbox().resolve(e.getKey()), e.getValue());
        }
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.OK);
        assertThat(n.files()).isEqualTo(dropped.size());
        for (var e : dropped.entrySet()) {
            Map<String, Object> f = file(n.run(), e.getKey());
            assertThat(f.get("state")).as(e.getKey()).isEqualTo("ARCHIVED");
            Path kept = Path.of((String) f.get("final_path"));
            assertThat(kept.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(121);
            assertThat(kept.getFileName().toString()).startsWith(f.get("id") + "_").doesNotContain("\n", " ");
            assertThat(Files.readAllBytes(kept)).isEqualTo(e.getValue());
        }
        assertInboxEmpty();
        assertThat(home.resolve("work/run-" + n.run())).doesNotExist();
    }

    @Test
    void aSymbolicLinkIsRefusedAndNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(home.resolve("elsewhere")).resolve("secret.edi");
        byte[] secret = samples.get("good-hanbit-001.edi");
        Files.write(outside, secret);
        Files.createSymbolicLink(app.inbox().resolve("linked.edi"), outside);
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Map<String, Object> f = file(n.run(), "linked.edi");
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(f.get("reason_code")).isEqualTo(ClaimRefusals.SYMLINK);
        assertThat(f.get("sha256")).isNull();
        assertThat(codes(n.run())).containsExactly(ClaimRefusals.SYMLINK);
        Path kept = Path.of((String) f.get("final_path"));
        assertThat(Files.isSymbolicLink(kept)).as("the link itself is kept, as a link").isTrue();
        assertThat(reason(f)).contains("symbolic link", outside.toString());
        assertThat(Files.readAllBytes(outside)).as("the target is left alone").isEqualTo(secret);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result r JOIN inbound_file f "
                + "ON f.id = r.file_id WHERE f.run_id = ?", Long.class, n.run())).isZero();
        assertInboxEmpty();
    }

    @Test
    void aDirectoryIsQuarantinedWholeWithoutReadingIt() throws Exception {
        Path dir = Files.createDirectories(app.inbox().resolve("a folder"));
        Files.write(dir.resolve("inside.edi"), samples.get("good-seoulelec-002.edi"));
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Map<String, Object> f = file(n.run(), "a folder");
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(codes(n.run())).containsExactly(ClaimRefusals.DIRECTORY);
        Path kept = Path.of((String) f.get("final_path"));
        assertThat(kept).isDirectory();
        assertThat(kept.resolve("inside.edi")).hasBinaryContent(samples.get("good-seoulelec-002.edi"));
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM inbound_file WHERE run_id = ?", Long.class,
                n.run())).as("nothing inside it was claimed").isEqualTo(1);
        assertInboxEmpty();
    }

    @Test
    @Timeout(300)
    void aPipeIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = app.inbox().resolve("pipe.edi");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        // opening a pipe for reading would block the claim until a writer came: the timeout would end the test
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Map<String, Object> f = file(n.run(), "pipe.edi");
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(codes(n.run())).containsExactly(ClaimRefusals.SPECIAL_FILE);
        assertInboxEmpty();
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads any file: permissions cannot refuse it");
        Path locked = Files.write(app.inbox().resolve("locked.edi"), samples.get("good-broker-003.edi"));
        assertThat(locked.toFile().setReadable(false, false)).isTrue();
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Map<String, Object> f = file(n.run(), "locked.edi");
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(codes(n.run())).containsExactly(ClaimRefusals.UNREADABLE);
        assertInboxEmpty();
    }

    @Test
    void aSignatureFileWithoutItsFileWaitsOutItsGracePeriodThenIsRefused() throws Exception {
        Path lost = Files.write(app.inbox().resolve("lost.edi.p7s"), "not a CMS structure".getBytes());
        Night young = night(app);
        assertThat(young.code()).as(young.output()).isEqualTo(ExitCodes.OK);
        assertThat(young.files()).isZero();
        assertThat(lost).as("left for its file to come").exists();

        Files.setLastModifiedTime(lost, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        Map<String, Object> f = file(n.run(), "lost.edi.p7s");
        assertThat(f.get("state")).isEqualTo("QUARANTINED");
        assertThat(codes(n.run())).containsExactly(Deliveries.ORPHAN_SIGNATURE);
        assertThat(reason(f)).contains("lost.edi", "1h");
        assertInboxEmpty();
    }

    @Test
    void companionNamesAreDeliveriesOfTheirOwn() throws Exception {
        // a file that merely looks like the content the claim extracts from a .p7m: an unsigned delivery
        Files.write(app.inbox().resolve("foo.edi.p7m.content"), variant("good-broker-003.edi", "7001"));
        // a .p7m beside a detached signature of it: the .p7m is decided, the signature refused on its own
        Path plain = Files.write(home.resolve("baz.edi"), variant("good-seoulelec-002.edi", "7002"));
        new CmsSigner().sign(plain, app.inbox().resolve("baz.edi.p7m"), pki.credential("SEOULELEC"), false);
        new CmsSigner().sign(app.inbox().resolve("baz.edi.p7m"), app.inbox().resolve("baz.edi.p7m.p7s"),
                pki.credential("SEOULELEC"), true);
        Night n = night(app);
        assertThat(n.code()).as(n.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(n.files()).isEqualTo(3);
        assertThat(file(n.run(), "foo.edi.p7m.content")).containsEntry("state", "ARCHIVED")
                .containsEntry("sig_form", "NONE");
        assertThat(file(n.run(), "baz.edi.p7m")).containsEntry("state", "ARCHIVED")
                .containsEntry("sig_form", "ATTACHED").containsEntry("sig_status", "PASSED");
        Map<String, Object> sig = file(n.run(), "baz.edi.p7m.p7s");
        assertThat(sig).containsEntry("state", "QUARANTINED")
                .containsEntry("reason_code", Deliveries.SIGNATURE_BESIDE_P7M);
        assertThat(codes(n.run())).containsExactly(Deliveries.SIGNATURE_BESIDE_P7M);
        assertThat(Path.of((String) sig.get("final_path"))).exists();
        assertInboxEmpty();
    }

    @Test
    void aFileStillBeingWrittenIsLeftUntilItHasSettled(@TempDir Path otherHome) throws Exception {
        byte[] bytes = samples.get("good-hanbit-001.edi");
        try (TestApp settling = TestApp.start(otherHome, "edibatch.intake.settle=1s")) {
            Path inbox = Files.createDirectories(settling.inbox());
            Path growing = inbox.resolve("growing.edi");
            Files.write(growing, Arrays.copyOf(bytes, 1));
            // the sender writes the rest slowly, a piece every 100 ms, then keeps writing its last byte again until
            // the first night is over: however slowly that night reaches its claim, the file is still being written
            AtomicBoolean nightOver = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (FileChannel ch = FileChannel.open(growing, StandardOpenOption.WRITE)) {
                    int pieces = 20;
                    for (int i = 0; i < pieces; i++) {
                        int from = 1 + (bytes.length - 1) * i / pieces;
                        int to = 1 + (bytes.length - 1) * (i + 1) / pieces;
                        ch.write(ByteBuffer.wrap(bytes, from, to - from), from);
                        Thread.sleep(100);
                    }
                    while (!nightOver.get()) {
                        ch.write(ByteBuffer.wrap(bytes, bytes.length - 1, 1), bytes.length - 1);
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            Night during;
            try {
                during = night(settling);
            } finally {
                nightOver.set(true);
            }
            assertThat(during.code()).as(during.output()).isEqualTo(ExitCodes.OK);
            assertThat(during.files()).isZero();
            assertThat(growing).exists();
            writer.join();
            assertThat(growing).hasBinaryContent(bytes);

            Night after = night(settling);
            assertThat(after.code()).as(after.output()).isEqualTo(ExitCodes.OK);
            assertThat(after.files()).isEqualTo(1);
            Map<String, Object> f = settling.jdbc().queryForMap("SELECT * FROM inbound_file WHERE run_id = ?",
                    after.run());
            assertThat(f).containsEntry("state", "ARCHIVED").containsEntry("sha256", sha256(bytes));
        }
    }

    @Test
    void bytesWrittenThroughADescriptorOpenedBeforeTheClaimAreNeverRead() throws Exception {
        byte[] original = variant("good-hanbit-001.edi", "7003");
        Path delivered = Files.write(app.inbox().resolve("kept-open.edi"), original);
        FaultDrill drill = app.bean(FaultDrill.class);
        try (FileChannel sender = FileChannel.open(delivered, StandardOpenOption.WRITE)) {
            // the night stops after its claim, at the customs step's first chunk
            drill.arm(0);
            Night failed;
            try {
                failed = night(app);
            } finally {
                drill.disarm();
            }
            assertThat(failed.code()).as(failed.output()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
            long run = app.jdbc().queryForObject("SELECT MAX(run_id) FROM inbound_file", Long.class);
            Map<String, Object> claimed = file(run, "kept-open.edi");
            assertThat(claimed).containsEntry("state", "CLAIMED").containsEntry("sha256", sha256(original));

            // the sender rewrites its file after the claim verified it: every byte, and some more
            byte[] junk = new byte[original.length + 100];
            Arrays.fill(junk, (byte) 'X');
            sender.write(ByteBuffer.wrap(junk), 0);
            sender.force(true);

            Night resumed = night(app);
            assertThat(resumed.code()).as(resumed.output()).isEqualTo(ExitCodes.OK);
            Map<String, Object> f = file(run, "kept-open.edi");
            assertThat(f).containsEntry("state", "ARCHIVED");
            assertThat(Path.of((String) f.get("final_path"))).as("the bytes verified are the bytes kept")
                    .hasBinaryContent(original);
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration WHERE file_id = ? AND status = "
                    + "'ACCEPTED'", Long.class, f.get("id"))).isPositive();
        }
        assertThat(Files.exists(delivered, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
