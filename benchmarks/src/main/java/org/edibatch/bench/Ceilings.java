package org.edibatch.bench;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.TrustConfig;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw ceilings of this machine for the customs run, measured in-process over the same input the
 * end-to-end run gets, each as declarations/s: EDIFACT parse (envelope-only and validated pass), CMS
 * detached verification, and PostgreSQL COPY, both of one declaration-shaped row per declaration into a temporary
 * table and of the 7 rows the run stores per accepted declaration into logged tables shaped like its own. The
 * end-to-end rate is judged against the lowest of them: the pipeline cannot beat its slowest unavoidable stage.
 *
 * <pre>
 * Ceilings --in DIR [--pki DIR] [--jdbc URL] [--threads 2] [--copy-rows N] [--copy-declarations N]
 *          [--received-at ISO] [--out FILE] [--app-home DIR]
 * </pre>
 *
 * With {@code --app-home} (and {@code --jdbc}) the validated parse is measured once more at the end, after the
 * application's Spring context has started in this JVM, as the customs step's parse runs: see
 * {@link #parseInApplication}. That figure is shown, not taken as a ceiling.
 *
 * Run it from the benchmarks module, whose jar names the application's classes and libraries in its manifest:
 * {@code java -cp benchmarks/target/benchmarks.jar org.edibatch.bench.Ceilings ...}
 */
public final class Ceilings {

    record Result(String stage, int threads, long declarations, long files, double seconds) {
        double rate() {
            return declarations / seconds;
        }

        double fileRate() {
            return files / seconds;
        }
    }

    @FunctionalInterface
    private interface FileTask {
        /** @return declarations handled */
        long run(Path file) throws Exception;
    }

    private final List<Path> files;
    private final Map<Path, Integer> messageCounts = new HashMap<>();
    private final List<Result> results = new ArrayList<>();

    private Ceilings(List<Path> files) {
        this.files = files;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    @Command(name = "Ceilings", mixinStandardHelpOptions = true,
            description = "This machine's raw ceilings for the customs run over the interchanges of a folder.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "DIR", description = "the interchanges (*.edi)")
        Path in;
        @Option(names = "--pki", paramLabel = "DIR", description = "the demo PKI: verify each NAME.edi.p7s")
        Path pki;
        @Option(names = "--jdbc", paramLabel = "URL", description = "PostgreSQL for the COPY ceilings")
        String jdbc;
        @Option(names = "--threads", defaultValue = "2", description = "the most threads (default ${DEFAULT-VALUE})")
        int threads;
        @Option(names = "--copy-rows", paramLabel = "N", description = "rows of the single-row COPY (default: "
                + "the declarations read, at least 100,000)")
        Long copyRows;
        @Option(names = "--copy-declarations", paramLabel = "N", description = "declarations of the 7-row COPY "
                + "(default: the declarations read, at least 100,000)")
        Long copyDeclarations;
        @Option(names = "--received-at", paramLabel = "ISO", defaultValue = "2026-11-28T01:00:00Z",
                description = "the instant signatures are checked at (default ${DEFAULT-VALUE})")
        String receivedAt;
        @Option(names = "--out", paramLabel = "FILE", description = "also write the table here")
        Path out;
        @Option(names = "--app-home", paramLabel = "DIR", description = "with --jdbc: the parse once more after "
                + "the application has started in this JVM")
        String appHome;

        @Override
        public Integer call() throws Exception {
            run(this);
            return 0;
        }
    }

    private static void run(Options o) throws Exception {
        Ceilings c = new Ceilings(interchanges(o.in));
        if (c.files.isEmpty()) {
            throw new IllegalArgumentException("no .edi files in " + o.in);
        }
        System.out.printf(Locale.ROOT, "ceilings over %d interchange(s) in %s, %d core(s), java %s, max heap %d MB%n",
                c.files.size(), o.in, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);

        int threads = o.threads;
        c.parse(threads);
        if (o.pki != null) {
            Instant at = Instant.parse(o.receivedAt);
            c.verify(new CmsVerifier(TrustStore.load(new TrustConfig(o.pki.resolve("trust"), o.pki.resolve("crl")))), at, threads);
        }
        if (o.jdbc != null) {
            long total = c.messageCounts.values().stream().mapToLong(Integer::longValue).sum();
            long atLeast = Math.max(total, 100_000);
            c.copy(o.jdbc, o.copyRows != null ? o.copyRows : atLeast, threads);
            c.copyDeclarationRows(o.jdbc, o.copyDeclarations != null ? o.copyDeclarations : atLeast, threads);
        }
        if (o.appHome != null && o.jdbc != null) {
            c.parseInApplication(o.jdbc, o.appHome, threads);
        }
        String table = c.table();
        System.out.print(table);
        if (o.out != null) {
            Files.writeString(o.out, table);
        }
    }

    private void parse(int threads) throws Exception {
        // The first envelope pass also counts the messages of each file, which the other stages need.
        for (Path f : files) {
            messageCounts.put(f, messages(f, false));
        }
        warmUp(f -> messages(f, true));
        measure("parse envelope-only", 1, f -> messages(f, false));
        measure("parse validated", 1, f -> messages(f, true));
        if (threads > 1) {
            measure("parse envelope-only", threads, f -> messages(f, false));
            measure("parse validated", threads, f -> messages(f, true));
        }
    }

    /**
     * The validated parse once the application context has started in the same JVM. StAEDI's validator looks up
     * a node's children with a java.util.stream pipeline for every element (UsageNode.getChildren(String)); the
     * JIT compiles those JDK stream methods from one profile per call site for the whole JVM, and the
     * application's start-up has already filled them with its own lambdas and collectors. The pipelines then stay
     * megamorphic calls with their objects on the heap instead of being inlined away: the same parse costs more
     * in the application than in this otherwise bare JVM.
     */
    private void parseInApplication(String jdbcUrl, String home, int threads) throws Exception {
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(
                org.edibatch.EdiBatchApplication.class).logStartupInfo(false).run(
                "--spring.datasource.url=" + jdbcUrl, "--edibatch.home=" + home, "--spring.main.banner-mode=off",
                "--logging.level.root=WARN")) {
            measure("parse validated (in app)", threads, f -> messages(f, true));
        }
    }

    /** Reads every message to the end, as the claim step (envelope) and the customs reader (validated) do. */
    private static int messages(Path file, boolean validated) throws IOException, EdifactFormatException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InterchangeReader r = InterchangeReader.open(in, validated)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            return n;
        }
    }

    private void verify(CmsVerifier verifier, Instant at, int threads) throws Exception {
        List<Path> signed = files.stream().filter(f -> Files.exists(f.resolveSibling(f.getFileName() + ".p7s"))).toList();
        if (signed.isEmpty()) {
            System.out.println("no .p7s beside the interchanges: signature verification skipped");
            return;
        }
        FileTask task = f -> {
            VerificationOutcome v = verifier.verifyDetached(f, f.resolveSibling(f.getFileName() + ".p7s"), at);
            if (!v.isPassed()) {
                throw new IllegalStateException(f + " does not verify: " + v);
            }
            return messageCounts.get(f);
        };
        warmUp(signed, task);
        measure("CMS verify detached", 1, signed, task);
        if (threads > 1) {
            measure("CMS verify detached", threads, signed, task);
        }
    }

    /**
     * COPY into a temporary table shaped like {@code declaration}: temporary tables are not WAL-logged,
     * so this is what PostgreSQL can ingest before durability costs; the real tables can only be slower.
     * Each thread has its own connection and table, as partitioned writers would.
     */
    private void copy(String url, long rows, int threads) throws Exception {
        copyRun(url, Math.min(rows, 20_000), 1, false); // warm-up: connection, plan cache, JIT
        results.add(copyRun(url, rows, 1, false));
        results.add(copyRun(url, rows, 1, true));
        if (threads > 1) {
            results.add(copyRun(url, rows, threads, false));
            results.add(copyRun(url, rows, threads, true));
        }
    }

    /**
     * COPY of everything the run stores for an accepted declaration, into tables shaped like the application's
     * own ({@code LIKE ... INCLUDING INDEXES}: the same columns, checks and keys, no triggers, no foreign keys),
     * logged as the real ones are: its message result, the declaration, its number claim, the journal entry and
     * its three lines, 7 rows. The single-row COPY above counts one row as a declaration and skips the WAL; the
     * run can skip neither, as it cannot skip validation in the parse. Fresh tables for each measurement, and a
     * checkpoint before it, as before the end-to-end run.
     */
    private void copyDeclarationRows(String url, long declarations, int threads) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('public.declaration') IS NOT NULL")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                System.out.println("no application schema in " + url + ": the declaration-rows COPY is skipped");
                return;
            }
        }
        copyRowsRun(url, Math.min(declarations, 20_000), 1); // warm-up
        results.add(copyRowsRun(url, declarations, 1));
        if (threads > 1) {
            results.add(copyRowsRun(url, declarations, threads));
        }
    }

    static final String ROWS_STAGE = "PostgreSQL COPY (7 rows/decl.)";
    static final String ROWS_SCHEMA = "bench_ceiling_rows";
    static final int ROWS_PER_DECLARATION = 7;
    private static final List<String> ROW_TABLES = List.of("message_result", "declaration", "declaration_number",
            "journal_entry", "journal_line");

    static Result copyRowsRun(String url, long declarations, int threads) throws Exception {
        List<Connection> connections = new ArrayList<>();
        AtomicLong rows = new AtomicLong();
        try {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + ROWS_SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + ROWS_SCHEMA);
                for (String t : ROW_TABLES) {
                    s.execute("CREATE TABLE " + ROWS_SCHEMA + "." + t + " (LIKE public." + t
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                }
                try {
                    s.execute("CHECKPOINT");
                } catch (java.sql.SQLException e) {
                    // not allowed for this user (needs a superuser or pg_checkpoint): measured without it
                }
            }
            for (int t = 0; t < threads; t++) {
                connections.add(DriverManager.getConnection(url));
            }
            double seconds = timed(threads, t -> {
                long share = declarations / threads + (t < declarations % threads ? 1 : 0);
                CopyManager cm = connections.get(t).unwrap(PGConnection.class).getCopyAPI();
                for (DeclarationRows.Table table : DeclarationRows.Table.values()) {
                    rows.addAndGet(cm.copyIn("COPY " + ROWS_SCHEMA + "." + table.copyTarget() + " FROM STDIN",
                            new DeclarationRows(table, t, share)));
                }
            });
            if (rows.get() != ROWS_PER_DECLARATION * declarations) {
                throw new IllegalStateException(rows.get() + " rows copied for " + declarations + " declarations");
            }
            return new Result(ROWS_STAGE, threads, declarations, 0, seconds);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + ROWS_SCHEMA + " CASCADE");
            }
        }
    }

    /** The rows of one table for a slice of declarations, generated on the fly, with values shaped like the run's. */
    private static final class DeclarationRows extends GeneratedRows {
        enum Table {
            MESSAGE_RESULT("message_result (file_id, msg_index, message_ref, message_type, status)"),
            DECLARATION("declaration (file_id, msg_index, sender, declaration_no, declaration_date, importer_code, "
                    + "currency, status, acceptance_no, exchange_rate, customs_value_krw, duty_krw, vat_krw, channel, "
                    + "score, rule_hits)"),
            DECLARATION_NUMBER("declaration_number (sender, declaration_no, file_id, msg_index)"),
            JOURNAL_ENTRY("journal_entry (id, idempotency_key, ledger, entry_date, description, source_ref, run_id)"),
            JOURNAL_LINE("journal_line (entry_id, line_no, account_code, party_id, debit, credit)");

            private final String copyTarget;

            Table(String copyTarget) {
                this.copyTarget = copyTarget;
            }

            String copyTarget() {
                return copyTarget;
            }
        }

        private final Table table;

        DeclarationRows(Table table, int slice, long count) {
            super(slice, count);
            this.table = table;
        }

        @Override
        void row(long i, StringBuilder b) {
            long file = slice * 1_000_000_000L + i / 100;
            long index = i % 100;
            long id = slice * 1_000_000_000L + i + 1;
            String number = "HANBITTRDL26" + slice + "-" + i;
            long duty = 1_118_800 + i % 31;
            long vat = 1_510_380 + i % 17;
            switch (table) {
                case MESSAGE_RESULT -> b.append(file).append('\t').append(index).append("\tM").append(index)
                        .append("\tCUSDEC\tACCEPTED\n");
                case DECLARATION -> b.append(file).append('\t').append(index).append("\tHANBITTRD\t").append(number)
                        .append("\t2026-11-2").append(2 + i % 7).append("\tHANBIT001234\tUSD\tACCEPTED\tA26")
                        .append(slice).append(i).append("\t1398.500000\t").append(13_985_000 + i % 977).append('\t')
                        .append(duty).append('\t').append(vat).append("\tGREEN\t").append(i % 40).append('\t')
                        .append(i % 9 == 0 ? "R07" : "").append('\n');
                case DECLARATION_NUMBER -> b.append("HANBITTRD\t").append(number).append('\t').append(file)
                        .append('\t').append(index).append('\n');
                case JOURNAL_ENTRY -> b.append(id).append("\tCUSDEC:HANBITTRD:").append(number)
                        .append("\tCUSTOMS\t2026-11-2").append(2 + i % 7).append("\tImport declaration ").append(number)
                        .append(" acceptance A26").append(slice).append(i).append("\tHANBITTRD/").append(number)
                        .append("\t1\n");
                case JOURNAL_LINE -> b.append(id).append("\t1\t1100\tP-HANBIT\t").append(duty + vat).append(".00\t0\n")
                        .append(id).append("\t2\t4100\t\\N\t0\t").append(duty).append(".00\n")
                        .append(id).append("\t3\t4200\t\\N\t0\t").append(vat).append(".00\n");
                default -> throw new IllegalStateException(table.name());
            }
        }
    }

    private static Result copyRun(String url, long rows, int threads, boolean primaryKey) throws Exception {
        AtomicLong copied = new AtomicLong();
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE bench_declaration (file_id BIGINT NOT NULL, msg_index INT NOT NULL, "
                        + "sender TEXT NOT NULL, declaration_no TEXT NOT NULL, declaration_date DATE, importer_code TEXT, "
                        + "currency TEXT, status TEXT NOT NULL, acceptance_no TEXT, exchange_rate NUMERIC(18,6), "
                        + "customs_value_krw NUMERIC(20,0), duty_krw NUMERIC(20,0), vat_krw NUMERIC(20,0), channel TEXT, "
                        + "score INT, rule_hits TEXT" + (primaryKey ? ", PRIMARY KEY (file_id, msg_index)" : "") + ")");
            }
            connections.add(c);
        }
        double seconds;
        try {
            seconds = timed(threads, t -> {
                long share = rows / threads + (t < rows % threads ? 1 : 0);
                CopyManager cm = connections.get(t).unwrap(PGConnection.class).getCopyAPI();
                copied.addAndGet(cm.copyIn("COPY bench_declaration FROM STDIN", new Rows(t, share)));
            });
        } finally {
            for (Connection c : connections) {
                c.close(); // temp tables go with their session
            }
        }
        return new Result(primaryKey ? "PostgreSQL COPY (temp, PK)" : "PostgreSQL COPY (temp)", threads, copied.get(), 0, seconds);
    }

    /** COPY text rows generated on the fly, so a million rows never sit in memory. */
    private abstract static class GeneratedRows extends Reader {
        protected final int slice;
        private final long count;
        private long next;
        private final StringBuilder buffer = new StringBuilder(64 * 1024);
        private int pos;

        GeneratedRows(int slice, long count) {
            this.slice = slice;
            this.count = count;
        }

        /** Appends the row(s) of item {@code i} of this slice, each ending with a newline. */
        abstract void row(long i, StringBuilder b);

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos == buffer.length()) {
                buffer.setLength(0);
                pos = 0;
                while (buffer.length() < 60_000 && next < count) {
                    row(next++, buffer);
                }
                if (buffer.length() == 0) {
                    return -1;
                }
            }
            int n = Math.min(len, buffer.length() - pos);
            buffer.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** One declaration-shaped row per item. */
    private static final class Rows extends GeneratedRows {
        Rows(int slice, long count) {
            super(slice, count);
        }

        @Override
        void row(long i, StringBuilder buffer) {
            long file = slice * 1_000_000_000L + i / 100;
            buffer.append(file).append('\t').append(i % 100).append('\t').append("HANBITTRD").append('\t')
                    .append("HANBITTRDL26").append(i).append('\t').append("2026-11-2").append(2 + i % 7).append('\t')
                    .append("HANBIT001234\tUSD\tACCEPTED\t").append("A26").append(i).append('\t')
                    .append("1398.500000\t").append(13_985_000 + i % 977).append('\t').append(1_118_800 + i % 31)
                    .append('\t').append(1_510_380 + i % 17).append("\tGREEN\t").append(i % 40).append('\t')
                    .append(i % 9 == 0 ? "R07" : "").append('\n');
        }
    }

    private void warmUp(FileTask task) throws Exception {
        warmUp(files, task);
    }

    /** JIT and caches (e.g. the trust store's chain cache) first, on a slice of the input. */
    private void warmUp(List<Path> over, FileTask task) throws Exception {
        int n = Math.max(1, Math.min(over.size(), over.size() / 10 + 1));
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            task.run(over.get(i));
        }
    }

    private void measure(String stage, int threads, FileTask task) throws Exception {
        measure(stage, threads, files, task);
    }

    /** Files are handed out one at a time from a shared index, as a partitioned step would. */
    private void measure(String stage, int threads, List<Path> over, FileTask task) throws Exception {
        AtomicInteger nextFile = new AtomicInteger();
        AtomicLong declarations = new AtomicLong();
        double seconds;
        try {
            seconds = timed(threads, t -> {
                int i;
                while ((i = nextFile.getAndIncrement()) < over.size()) {
                    declarations.addAndGet(task.run(over.get(i)));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(stage + " failed", e);
        }
        results.add(new Result(stage, threads, declarations.get(), over.size(), seconds));
    }

    @FunctionalInterface
    private interface Worker {
        void run(int thread) throws Exception;
    }

    /** Runs {@code threads} workers at once; the seconds until the last ends, or the first worker's failure. */
    private static double timed(int threads, Worker worker) throws Exception {
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int slice = t;
            Thread w = new Thread(() -> {
                try {
                    worker.run(slice);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) {
            throw errors.get(0) instanceof Exception e ? e : new IllegalStateException(errors.get(0));
        }
        return seconds;
    }

    private String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-30s %7s %12s %9s %10s %14s%n", "stage", "threads", "declarations",
                "seconds", "files/s", "declarations/s"));
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "%-30s %7d %12d %9.2f %10s %14.0f%n", r.stage(), r.threads(),
                    r.declarations(), r.seconds(), r.files() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", r.fileRate()),
                    r.rate()));
        }
        // The ceiling of a stage is its best over thread counts; the envelope pass and the PK-less COPY are
        // lower bounds of work the run must do anyway, so the lowest ceiling is taken over the stages the
        // run cannot skip: validated parse, signature verification, COPY of a declaration's rows (its 7 rows into
        // logged, keyed tables; the single-row COPY into a temporary table stays a candidate for a database
        // without the application's schema). The lowest without the 7-row COPY is printed too: it was the
        // definition until 2026-11-29, so figures of both kinds can be compared.
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> single = new LinkedHashMap<>();
        for (Result r : results) {
            best.merge(r.stage(), r.rate(), Math::max);
            if (r.threads() == 1) {
                single.merge(r.stage(), r.rate(), Math::max);
            }
        }
        String lowest = lowest(best, List.of("parse validated", "CMS verify detached", "PostgreSQL COPY (temp, PK)",
                ROWS_STAGE));
        if (lowest != null) {
            b.append(String.format(Locale.ROOT, "LOWEST_CEILING_STAGE=%s%n", lowest.replace(' ', '_')));
            b.append(String.format(Locale.ROOT, "LOWEST_CEILING=%.0f%n", best.get(lowest)));
            b.append(String.format(Locale.ROOT, "LOWEST_CEILING_1THREAD=%.0f%n", single.get(lowest)));
        }
        String before = lowest(best, List.of("parse validated", "CMS verify detached", "PostgreSQL COPY (temp, PK)"));
        if (before != null) {
            b.append(String.format(Locale.ROOT, "LOWEST_SINGLE_ROW_STAGE=%s%n", before.replace(' ', '_')));
            b.append(String.format(Locale.ROOT, "LOWEST_SINGLE_ROW=%.0f%n", best.get(before)));
        }
        return b.toString();
    }

    private static String lowest(Map<String, Double> best, List<String> stages) {
        String lowest = null;
        for (String stage : stages) {
            if (best.containsKey(stage) && (lowest == null || best.get(stage) < best.get(lowest))) {
                lowest = stage;
            }
        }
        return lowest;
    }

    private static List<Path> interchanges(Path dir) throws IOException {
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.edi")) {
            ds.forEach(list::add);
        }
        list.sort(null);
        return list;
    }

    static {
        // Fail early with a clear message rather than a ClassNotFound deep in a worker thread.
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError("PgJDBC missing from the class path");
        }
    }
}
