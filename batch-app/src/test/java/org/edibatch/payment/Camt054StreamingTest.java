package org.edibatch.payment;

import org.edibatch.samples.load.CreditAdviceGenerator;
import org.edibatch.samples.load.CreditAdviceGenerator.Due;
import org.edibatch.schemas.PaymentNumber;
import org.edibatch.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camt.054 document several times the heap streams through a JVM with a 48 MB heap, validated, notification by
 * notification (-Dedibatch.camt.streaming-test-lines, default 400,000 credits, ~170 MB).
 */
@SlowTest
class Camt054StreamingTest {

    @TempDir
    Path dir;

    @Test
    void aDocumentManyTimesTheHeapStreamsThroughASmallJvm() throws Exception {
        int n = Integer.getInteger("edibatch.camt.streaming-test-lines", 400_000);
        Iterator<Due> dues = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Due next() {
                i++;
                return new Due(PaymentNumber.of(1_000 + i / 1000, i % 1000), BigDecimal.valueOf(50_000L + i));
            }
        };
        new CreditAdviceGenerator(dir, "HANGUKBANK", 1, 100, 0, 0, 0, 0, 0, 100, n, 1000,
                AdviceFiles.VALUE_DATE).generate(dues);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), Camt054StreamingMain.class.getName(), file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("advices=" + (n / 1000) + " ", "lines=" + n + " ", "refused=false");
        long heapPeakMb = Long.parseLong(out.replaceAll("(?s).*heapPeakMb=(\\d+).*", "$1"));
        assertThat(heapPeakMb).isLessThanOrEqualTo(48);
        assertThat(Files.size(file)).isGreaterThan(3 * (48L << 20));
    }
}
