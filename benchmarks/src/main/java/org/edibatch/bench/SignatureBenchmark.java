package org.edibatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.DemoPki.KeyType;
import org.edibatch.signature.DemoPki.Party;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Throughput of detached CMS verification including the (cached) path and CRL check, through the
 * real file-based API. Usage: {@code SignatureBenchmark [secondsPerRun] [threads]}.
 */
public final class SignatureBenchmark {

    private static final int MESSAGE_BYTES = 1536;

    private SignatureBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    @Command(name = "SignatureBenchmark", mixinStandardHelpOptions = true,
            description = "Detached CMS verifications per second, RSA-2048 and EC P-256, 1 thread and N threads.")
    static final class Options implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", defaultValue = "5", paramLabel = "secondsPerRun",
                description = "seconds of each measurement (default ${DEFAULT-VALUE})")
        int seconds;
        @Parameters(index = "1", arity = "0..1", paramLabel = "threads", description = "threads of the second "
                + "measurement (default: one per core)")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("sigbench");
            try {
                run(dir, seconds, threads != null ? threads : Runtime.getRuntime().availableProcessors());
            } finally {
                deleteTree(dir);
            }
            return 0;
        }
    }

    private static void run(Path dir, int seconds, int threads) throws Exception {
        Instant now = Instant.now();
        DemoPki pki = DemoPki.create(dir.resolve("pki"), now, List.of(
                new Party("bench-rsa", "1208147521", KeyType.RSA),
                new Party("bench-ec", "2148800001", KeyType.EC)));
        Path message = dir.resolve("message.edi");
        Files.write(message, message());
        CmsVerifier verifier = new CmsVerifier(TrustStore.load(pki.trustConfig()));
        System.out.printf("cores=%d threads=%d seconds/run=%d message=%d bytes, java %s%n",
                Runtime.getRuntime().availableProcessors(), threads, seconds, MESSAGE_BYTES, System.getProperty("java.version"));
        for (String alias : List.of("bench-rsa", "bench-ec")) {
            Path p7s = dir.resolve("message." + alias + ".p7s");
            new CmsSigner().sign(message, p7s, pki.credential(alias), true);
            Task task = () -> {
                VerificationOutcome o = verifier.verifyDetached(message, p7s, now);
                if (!o.isPassed()) {
                    throw new IllegalStateException("benchmark signature did not verify: " + o);
                }
            };
            measure(task, Math.max(2, seconds / 2), 1); // warm-up: JIT and the chain cache
            double single = measure(task, seconds, 1);
            double multi = measure(task, seconds, threads);
            System.out.printf("%-9s 1 thread: %,8.0f verifications/s   %d threads: %,8.0f verifications/s (%,.0f per thread)%n",
                    alias, single, threads, multi, multi / threads);
        }
    }

    @FunctionalInterface
    private interface Task {
        void run() throws Exception;
    }

    private static double measure(Task task, int seconds, int threads) throws InterruptedException {
        LongAdder count = new LongAdder();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        task.run();
                        count.increment();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.get(0));
        }
        return count.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /** An EDIFACT-shaped message so the digest works on realistic input. */
    private static byte[] message() {
        StringBuilder sb = new StringBuilder("UNB+UNOC:3+1208147521:ZZ+KCSUNIPASS:ZZ+250101:1200+1'UNH+1+CUSDEC:D:96B:UN'");
        int line = 0;
        while (sb.length() < MESSAGE_BYTES - 40) {
            sb.append("LIN+").append(++line).append("++8471300000:HS'QTY+47:10:PCE'MOA+39:1500.00:USD'");
        }
        sb.append("UNT+").append(line * 3 + 2).append("+1'UNZ+1+1'");
        while (sb.length() < MESSAGE_BYTES) {
            sb.append(' ');
        }
        return sb.substring(0, MESSAGE_BYTES).getBytes(StandardCharsets.US_ASCII);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
