package org.edibatch.bench;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.payment.Advice;
import org.edibatch.payment.Camt054Reader;
import org.edibatch.payment.CremulMapper;
import org.edibatch.xml.XmlLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling of the payments benchmark (scripts/bench-payments.sh): the banks' files of a night read by the two
 * readers alone, validated as the payments step reads them (CREMUL under its guide and mapped, camt.054 against its
 * schema), on THREADS threads, no database. Prints credit lines per second by format and for the whole set, as
 * properties (LINES, SECONDS, LINES_PER_S, ...) on standard output.
 */
public final class PaymentCeilings {

    private PaymentCeilings() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    @Command(name = "PaymentCeilings", mixinStandardHelpOptions = true,
            description = "Reader-only rate of a folder of CREMUL and camt.054 files.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--in", required = true, description = "the folder of bank files (.p7s files are passed over)")
        Path in;
        @Option(names = "--threads", defaultValue = "2") int threads;
        @Option(names = "--rounds", defaultValue = "2", description = "passes over the set; the best is kept "
                + "(the first also warms the JIT)")
        int rounds;

        @Override
        public Integer call() throws Exception {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(in)) {
                for (Path f : ds) {
                    String n = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !n.endsWith(".p7s") && !n.startsWith(".")) {
                        files.add(f);
                    }
                }
            }
            Collections.sort(files);
            double best = Double.MAX_VALUE;
            long[] counts = null;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                long[] c = readAll(files, threads);
                double secs = (System.nanoTime() - start) / 1e9;
                if (secs < best) {
                    best = secs;
                    counts = c;
                }
            }
            long lines = counts[0] + counts[1];
            System.out.printf(Locale.ROOT, "FILES=%d%nLINES=%d%nCREMUL_LINES=%d%nCAMT054_LINES=%d%nREFUSED_LINES=%d%n"
                            + "SECONDS=%.2f%nLINES_PER_S=%.0f%nTHREADS=%d%n", files.size(), lines, counts[0], counts[1],
                    counts[2], best, lines / best, threads);
            return 0;
        }
    }

    /** [CREMUL lines, camt.054 lines, refused lines], the files shared out to the threads in turn. */
    static long[] readAll(List<Path> files, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long[] c = new long[3];
                    int i;
                    while ((i = next.getAndIncrement()) < files.size()) {
                        read(files.get(i), c);
                    }
                    return c;
                }));
            }
            long[] sum = new long[3];
            for (Future<long[]> f : parts) {
                long[] c = f.get();
                for (int k = 0; k < 3; k++) {
                    sum[k] += c[k];
                }
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void read(Path file, long[] c) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (file.getFileName().toString().endsWith(".xml")) {
                try (Camt054Reader r = Camt054Reader.open(in, XmlLimits.defaults())) {
                    Advice a;
                    while ((a = r.next()) != null) {
                        c[1] += a.lines().size();
                        c[2] += a.refusals().size();
                    }
                    if (r.refused()) {
                        throw new IllegalStateException(file + " refused: " + r.errors());
                    }
                }
            } else {
                CremulMapper mapper = new CremulMapper();
                try (InterchangeReader r = InterchangeReader.open(in, true)) {
                    EdifactMessage m;
                    while ((m = r.next()) != null) {
                        if (m.hasErrors()) {
                            throw new IllegalStateException(file + " message " + m.index() + ": " + m.errors().get(0));
                        }
                        Advice a = mapper.map(m);
                        c[0] += a.lines().size();
                        c[2] += a.refusals().size();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (EdifactFormatException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
