package org.edibatch.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.edibatch.xml.XmlDeclarationItem;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads a batch file through {@link XmlDeclarationReader} and prints one line of figures: declarations,
 * throughput, peak heap and peak RSS. Used by scripts/bench-xml.sh, in a JVM of its own with a small -Xmx.
 *
 * <p>Usage: XmlReaderBench FILE [--no-validate] [--skip=N]
 */
public final class XmlReaderBench {

    private XmlReaderBench() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    @Command(name = "XmlReaderBench", mixinStandardHelpOptions = true,
            description = "Streams an XML declaration batch through the reader and prints its rate and memory.")
    static final class Options implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the DeclarationBatch file")
        Path file;
        @Option(names = "--no-validate", description = "map without the schema validation")
        boolean noValidate;
        @Option(names = "--skip", paramLabel = "N", defaultValue = "0", description = "skip the first N declarations, "
                + "as a restart does")
        int skip;

        @Override
        public Integer call() throws IOException {
            return read(file, !noValidate, skip);
        }
    }

    /** @return 0, or 2 when the reader refused the batch */
    private static int read(Path file, boolean validate, int skip) throws IOException {
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
            return 2;
        }
        return 0;
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
