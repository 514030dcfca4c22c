package org.edibatch.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a batch file through {@link XmlDeclarationReader} and prints one line of figures: declarations,
 * throughput, peak heap and peak RSS. Used by scripts/bench-xml.sh and by the streaming test in a JVM of its
 * own with a small -Xmx, where the exit code tells whether memory stayed flat.
 *
 * <p>Usage: XmlReaderBench FILE [--no-validate] [--skip=N]
 */
public final class XmlReaderBench {

    private XmlReaderBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        boolean validate = true;
        int skip = 0;
        for (int i = 1; i < args.length; i++) {
            if ("--no-validate".equals(args[i])) {
                validate = false;
            } else if (args[i].startsWith("--skip=")) {
                skip = Integer.parseInt(args[i].substring("--skip=".length()));
            }
        }
        long start = System.nanoTime();
        long count = 0;
        long items = 0;
        long invalid = 0;
        XmlDeclarationReader reader;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            reader = validate ? XmlDeclarationReader.open(in, XmlLimits.defaults())
                    : XmlDeclarationReader.openUnvalidated(in, XmlLimits.defaults());
            int skipped = reader.skip(skip);
            count += skipped;
            XmlDeclarationItem item;
            while ((item = reader.next()) != null) {
                count++;
                items += item.declaration().items().size();
                if (!item.schemaValid() || !item.mappingErrors().isEmpty()) {
                    invalid++;
                }
            }
            reader.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("declarations=%d goodsItems=%d invalid=%d skipped=%d refused=%s seconds=%.2f "
                        + "declarationsPerSecond=%.0f mbPerSecond=%.1f heapPeakMb=%d peakRssMb=%d%n",
                count, items, invalid, skip, reader.refused(), seconds, count / seconds,
                Files.size(file) / 1e6 / seconds, heapPeak() >> 20, peakRssKb() >> 10);
        if (reader.refused()) {
            System.out.println("refused: " + reader.batchErrors());
            System.exit(2);
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM from /proc (Linux); 0 elsewhere. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
