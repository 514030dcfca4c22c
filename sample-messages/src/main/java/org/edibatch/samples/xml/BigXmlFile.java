package org.edibatch.samples.xml;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one valid DeclarationBatch of about {@code targetBytes} to a file, declaration by declaration, never
 * holding more than one in memory: the input of the streaming test and of scripts/bench-xml.sh (1 GB).
 * Declaration numbers are unique (BG + 10 digits); all are good, twins of the filler declaration.
 */
public final class BigXmlFile {

    private BigXmlFile() {
    }

    /** Usage: BigXmlFile PATH [BYTES] (default 1 GiB). Prints the number of declarations written. */
    public static void main(String[] args) throws IOException {
        Path path = Path.of(args[0]);
        long bytes = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
        long n = write(path, bytes, "HANBITTRD", "XBIG0001");
        System.out.println(n + " declarations, " + Files.size(path) + " bytes written to " + path);
    }

    /** Returns the number of declarations written. */
    public static long write(Path path, long targetBytes, String sender, String batchId) throws IOException {
        long count = 0;
        long written;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8),
                1 << 16)) {
            String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + XmlBatch.header(sender, "KCS", batchId, "2026-11-25T09:00:00+09:00");
            w.write(head);
            written = head.length();
            String footer = XmlBatch.footer();
            do {
                String d = declaration(count++).text();
                w.write(d);
                written += d.length();
            } while (written + footer.length() < targetBytes);
            w.write(footer);
        }
        return count;
    }

    static XmlDeclaration declaration(long i) {
        return XmlDeclaration.importDeclaration(String.format("BG%010d", i))
                .item("9503003900", "CN", "100", "PCE", "800.00")
                .item("8471300000", "CN", "10", "PCE", "10000.00");
    }
}
