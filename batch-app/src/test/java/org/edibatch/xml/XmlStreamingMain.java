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
 * Reads a batch file to its end, validating every declaration, and prints what {@link XmlStreamingTest} checks:
 * the declarations read, the invalid ones, whether the batch was refused and the peak heap. The test starts it in
 * a JVM of its own with a small -Xmx, so the heap figure is the reader's alone.
 */
public final class XmlStreamingMain {

    private XmlStreamingMain() {
    }

    public static void main(String[] args) throws IOException {
        long count = 0;
        long invalid = 0;
        boolean refused;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16);
             XmlDeclarationReader reader = XmlDeclarationReader.open(in, XmlLimits.defaults())) {
            XmlDeclarationItem item;
            while ((item = reader.next()) != null) {
                count++;
                if (!item.schemaValid() || !item.mappingErrors().isEmpty()) {
                    invalid++;
                }
            }
            refused = reader.refused();
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("declarations=%d invalid=%d refused=%s heapPeakMb=%d%n", count, invalid, refused,
                heapPeak >> 20);
        System.exit(refused ? 2 : 0);
    }
}
