package org.edibatch.xml;

import org.edibatch.samples.xml.BigXmlFile;
import org.edibatch.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large batch streams in flat memory: a JVM of its own with a 48 MB heap reads a file four times that size
 * (override with -Dedibatch.xml.streaming-test-mb), validating every declaration. Restart skips exactly.
 */
@SlowTest
class XmlStreamingTest {

    @TempDir
    Path dir;

    @Test
    void aFileManyTimesTheHeapStreamsThroughASmallJvm() throws Exception {
        long mb = Long.getLong("edibatch.xml.streaming-test-mb", 200);
        Path file = dir.resolve("big.xml");
        long written = BigXmlFile.write(file, mb << 20, "HANBITTRD", "XBIG0001");

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), XmlReaderBench.class.getName(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("declarations=" + written + " ", "invalid=0", "refused=false");
        long heapPeakMb = Long.parseLong(out.replaceAll("(?s).*heapPeakMb=(\\d+).*", "$1"));
        assertThat(heapPeakMb).isLessThanOrEqualTo(48);
        assertThat(Files.size(file)).isGreaterThan(4 * (48L << 20));
    }

    @Test
    void skipResumesAtTheNextDeclaration() throws Exception {
        Path file = dir.resolve("small.xml");
        long written = BigXmlFile.write(file, 200_000, "HANBITTRD", "XBIG0002");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             XmlDeclarationReader r = XmlDeclarationReader.open(in, XmlLimits.defaults())) {
            assertThat(r.skip(57)).isEqualTo(57);
            XmlDeclarationItem next = r.next();
            assertThat(next.index()).isEqualTo(57);
            assertThat(next.declaration().declarationNo()).isEqualTo(String.format("BG%010d", 57));
            int rest = 1;
            while (r.next() != null) {
                rest++;
            }
            assertThat(57 + rest).isEqualTo(written);
            assertThat(r.declarationsRead()).isEqualTo(written);
            assertThat(r.refused()).isFalse();
        }
    }

    @Test
    void scanCountsAndRefusesLikeTheReader() throws Exception {
        Path file = dir.resolve("scan.xml");
        long written = BigXmlFile.write(file, 100_000, "HANBITTRD", "XBIG0003");
        try (InputStream in = Files.newInputStream(file)) {
            XmlDeclarationReader.Scan s = XmlDeclarationReader.scan(in, XmlLimits.defaults());
            assertThat(s.declarations()).isEqualTo(written);
            assertThat(s.refused()).isFalse();
            assertThat(s.header().batchId()).isEqualTo("XBIG0003");
        }
        // truncated near its end: the scan refuses it before anything would be processed
        byte[] all = Files.readAllBytes(file);
        byte[] cut = java.util.Arrays.copyOf(all, all.length - 40);
        XmlDeclarationReader.Scan s = XmlDeclarationReader.scan(new java.io.ByteArrayInputStream(cut), XmlLimits.defaults());
        assertThat(s.refused()).isTrue();
        assertThat(s.batchErrors().get(0).code()).isEqualTo("X001");
    }
}
