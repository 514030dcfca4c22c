package org.edibatch.payment;

import org.edibatch.xml.XmlLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a camt.054 document to its end and prints what {@link Camt054StreamingTest} checks: advices, lines,
 * refusal and the peak heap, in a JVM of its own with a small -Xmx so that the heap figure is the reader's alone.
 */
public final class Camt054StreamingMain {

    private Camt054StreamingMain() {
    }

    public static void main(String[] args) throws IOException {
        long advices = 0;
        long lines = 0;
        boolean refused;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16);
             Camt054Reader reader = Camt054Reader.open(in, XmlLimits.defaults())) {
            Advice a;
            while ((a = reader.next()) != null) {
                advices++;
                lines += a.lines().size();
            }
            refused = reader.refused();
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("advices=%d lines=%d refused=%s heapPeakMb=%d%n", advices, lines, refused, heapPeak >> 20);
        System.exit(refused ? 2 : 0);
    }
}
