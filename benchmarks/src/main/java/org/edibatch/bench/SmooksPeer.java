package org.edibatch.bench;

import org.smooks.Smooks;
import org.smooks.io.sink.WriterSink;
import org.smooks.io.source.ByteSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayInputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The in-build peer of issue 22: the Smooks EDIFACT cartridge (Maven, the UN D96B directory's DFDL schemas, the
 * reader {@code EdifactConformanceTest} uses) reading a slice of the benchmark's own signed CUSDEC files on one
 * thread, each interchange parsed to the end into a discarded XML stream. Prints
 * {@code SMOOKS_RATE=<declarations/s>} and the figures it comes from.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar:benchmarks/target/smooks-lib/* org.edibatch.bench.SmooksPeer \
 *      --in DIR [--files 20] [--validation Full|Limited|Off]
 * </pre>
 *
 * Smooks is a compile-only ({@code provided}) dependency of this module, copied to {@code smooks-lib/} and kept off
 * {@code lib/}: its XML libraries on the class path of {@code Ceilings} would change which XML parser the
 * application's start-up there picks.
 */
public final class SmooksPeer {

    private SmooksPeer() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    @Command(name = "SmooksPeer", mixinStandardHelpOptions = true,
            description = "Declarations/s of the Smooks EDIFACT reader over a slice of a folder's interchanges.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "DIR", description = "the interchanges (*.edi)")
        Path in;
        @Option(names = "--files", defaultValue = "20", description = "files measured (default ${DEFAULT-VALUE})")
        int files;
        // Off by default: the peers' rates (Bots, pydifact) are of the parse alone, and with Full validation Smooks
        // refuses a whole interchange at its first bad value (most files of the load hold a bad message).
        @Option(names = "--validation", defaultValue = "Off",
                description = "Smooks' validationMode: Full, Limited or Off (default ${DEFAULT-VALUE})")
        String validation;

        @Override
        public Integer call() throws Exception {
            run(this);
            return 0;
        }
    }

    private static void run(Options o) throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.list(o.in)) {
            all = s.filter(p -> p.getFileName().toString().endsWith(".edi")).sorted().toList();
        }
        if (all.size() < 2) {
            throw new IllegalArgumentException("fewer than two .edi files in " + o.in);
        }
        // The first file warms up (and its schema compilation is timed apart); the next ones are measured.
        List<byte[]> slice = new ArrayList<>();
        for (Path p : all.subList(1, Math.min(all.size(), o.files + 1))) {
            slice.add(Files.readAllBytes(p));
        }
        String config = """
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                      xmlns:edifact="https://www.smooks.org/xsd/smooks/edifact-2.0.xsd">
                  <edifact:parser schemaUri="/d96b/EDIFACT-Messages.dfdl.xsd" validationMode="%s">
                    <edifact:messageTypes>
                      <edifact:messageType>CUSDEC</edifact:messageType>
                    </edifact:messageTypes>
                  </edifact:parser>
                </smooks-resource-list>
                """.formatted(o.validation);
        long t0 = System.nanoTime();
        try (Smooks smooks = new Smooks(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)))) {
            long warm = 0;
            try {
                warm = read(smooks, Files.readAllBytes(all.get(0)));
            } catch (RuntimeException e) {
                // a bad file: the schema is compiled all the same
            }
            double setup = (System.nanoTime() - t0) / 1e9;
            // Each file timed on its own: a file Smooks refuses (the load's bad messages make it throw for the
            // whole interchange) is left out of both the time and the count, so the rate is that of what it reads.
            long declarations = 0;
            long nanos = 0;
            int refused = 0;
            for (byte[] interchange : slice) {
                long t1 = System.nanoTime();
                try {
                    long n = read(smooks, interchange);
                    nanos += System.nanoTime() - t1;
                    declarations += n;
                } catch (RuntimeException e) {
                    refused++;
                }
            }
            double seconds = nanos / 1e9;
            double rate = declarations / seconds;
            System.out.printf(Locale.ROOT, "smooks-core %s, D96B, validation %s: schema compiled and first file (%d "
                            + "messages) in %.1f s; %d files read (%d refused, left out), %d declarations in %.2f s "
                            + "on one thread: %.0f/s%n",
                    version(), o.validation, warm, setup,
                    slice.size() - refused, refused, declarations, seconds, rate);
            System.out.printf(Locale.ROOT, "SMOOKS_RATE=%.0f%n", rate);
        }
    }

    /** The version of smooks-core, from its jar's name (its manifest does not say). */
    private static String version() {
        String jar = Smooks.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return jar.replaceAll("^.*/smooks-core-(.*)\\.jar$", "$1");
    }

    /**
     * Parses one interchange to the end into a discarded XML stream; returns its messages counted from the bytes
     * (read ones, good or bad, as the product's rate counts them).
     */
    private static long read(Smooks smooks, byte[] interchange) {
        smooks.filterSource(smooks.createExecutionContext(), new ByteSource(interchange),
                new WriterSink<>(Writer.nullWriter()));
        return countUnh(interchange);
    }

    /** Messages of an interchange counted from its bytes: UNH tags after a segment terminator. */
    static long countUnh(byte[] b) {
        long n = 0;
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == 'U' && b[i + 1] == 'N' && b[i + 2] == 'H' && i > 0 && (b[i - 1] == '\'' || b[i - 1] == '\n')) {
                n++;
            }
        }
        return n;
    }
}
