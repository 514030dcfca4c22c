package org.edibatch.bench.micro;

import org.edibatch.samples.xml.BigXmlFile;
import org.edibatch.xml.XmlDeclarationItem;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The XML declaration reader (StAX, schema validation of each declaration, mapping) over a batch of about 1 MB
 * held in memory. The score is per batch; {@link #declarations} says how many declarations one holds.
 */
@State(Scope.Benchmark)
public class XmlReadBenchmark {

    private byte[] batch;
    long declarations;

    @Setup
    public void setUp() throws IOException {
        Path file = Files.createTempFile("xmlbench", ".xml");
        try {
            declarations = BigXmlFile.write(file, 1 << 20, "HANBITTRD", "XBENCH01");
            batch = Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
        System.out.println("\nbatch of " + declarations + " declarations, " + batch.length + " bytes");
    }

    @Benchmark
    public long validated(Blackhole bh) throws IOException {
        return read(XmlDeclarationReader.open(new ByteArrayInputStream(batch), XmlLimits.defaults()), bh);
    }

    @Benchmark
    public long unvalidated(Blackhole bh) throws IOException {
        return read(XmlDeclarationReader.openUnvalidated(new ByteArrayInputStream(batch), XmlLimits.defaults()), bh);
    }

    private long read(XmlDeclarationReader reader, Blackhole bh) throws IOException {
        long n = 0;
        try (reader) {
            XmlDeclarationItem item;
            while ((item = reader.next()) != null) {
                bh.consume(item);
                n++;
            }
        }
        if (n != declarations) {
            throw new IllegalStateException(n + " declarations read of " + declarations);
        }
        return n;
    }
}
