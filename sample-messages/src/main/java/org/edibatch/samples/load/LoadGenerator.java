package org.edibatch.samples.load;

import org.edibatch.samples.Cusdec;
import org.edibatch.samples.xml.XmlBatch;
import org.edibatch.samples.xml.XmlDeclaration;
import org.edibatch.schemas.ReferenceFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Load for the national-scale benchmark: N CUSDEC declarations across the registered senders, as EDIFACT
 * interchanges (and optionally XML DeclarationBatch files), with a share of bad messages. Each file is
 * written message by message while it is generated, so memory stays flat whatever N is.
 *
 * <pre>
 * LoadGenerator --out DIR --declarations N [--per-interchange K] [--senders A,B,..] [--bad-percent P]
 *               [--large-files F] [--seed S] [--xml-percent X] [--summary FILE]
 *               [--replace-percent R] [--cancel-percent C]
 * LoadGenerator --out DIR --single-interchange-bytes B [--sender A] [--bad-percent P] [--seed S]
 * </pre>
 *
 * Output is deterministic for a seed (same files, same bytes). Prints one summary line; --summary also
 * writes the counts as properties, outside DIR so that DIR holds nothing but deliveries.
 *
 * <p>With --replace-percent / --cancel-percent, that share of the N declarations are replacements (BGM 1225 5)
 * and cancellations (1) of numbers the same sender filed earlier in the set (an earlier file, or earlier in the
 * same file): chains of several versions, cancellations after replacements, and a small share of the cases the
 * service must refuse (a replacement of an unknown or a rejected number, a second cancellation). XML batches are
 * then written as KCS-XML-DECL-2 with {@code FunctionCode}. Without them not one random number is drawn more than
 * before, so a seed gives the same bytes as it always did.
 */
public final class LoadGenerator {

    /** Only the weeks with rates for all of these (2026-11-22..28) are used, so good declarations stay good. */
    private static final String[] CURRENCIES = {"USD", "EUR", "JPY", "CNY"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 22);
    /** Sanctioned or high-risk origins (KP, AF) are left out: they would only shift channels, not load. */
    private static final String[] ORIGINS = {"CN", "VN", "US", "JP", "DE", "FR", "IT", "TH", "MY", "ID"};
    /** UNZ 0036 is n..6: an interchange cannot announce more messages than this. */
    private static final int MAX_MESSAGES_PER_INTERCHANGE = 999_999;

    enum Bad { TOO_LONG, UNKNOWN_HS, TOTALS }

    /** UN/EDIFACT 1225, as in BGM and in the XML FunctionCode. */
    enum Function {
        ORIGINAL("9"), REPLACEMENT("5"), CANCELLATION("1");

        final String code;

        Function(String code) {
            this.code = code;
        }
    }

    /** Amendments the service must refuse; the generator knows which ones it wrote, so a run can be checked. */
    enum Refusal { REPLACE_UNKNOWN, REPLACE_REJECTED, CANCEL_CANCELLED }

    static final String XML_NS_V2 = "urn:edibatch:customs:declaration:2";
    /** Of the amendments, the share that are refusal cases: a few, as in real traffic. */
    private static final double REFUSAL_SHARE = 0.03;
    /** Of the amendments, the share that amend an already amended number (when there is one): the chains. */
    private static final double CHAIN_SHARE = 0.25;
    /** Numbers remembered per sender for amendment: bounded, so memory stays flat whatever N is. */
    private static final int BOOK_SIZE = 512;

    record Party(String ediId, String customsCode, String name, boolean broker) {
    }

    record Tariff(String hsCode, String unit, BigDecimal dutyRate) {
    }

    /** What a sender filed that can still be amended, recently enough to be remembered. */
    private static final class Book {
        final List<Decl> originals = new ArrayList<>();
        final List<Decl> amended = new ArrayList<>();
        final List<Decl> cancelled = new ArrayList<>();
        final List<Decl> rejected = new ArrayList<>();
        long unknown;
    }

    private final Path out;
    private final SplittableRandom random;
    private final double badShare;
    private final List<Party> senders;
    private final List<Party> importers;
    private final List<Tariff> tariff;
    /** Per sender, so numbers are unique per sender across the whole generated set (C150 otherwise). */
    private final Map<String, long[]> declarationCounters = new HashMap<>();
    private final Map<String, long[]> interchangeCounters = new HashMap<>();
    private final Map<Bad, Long> badCounts = new LinkedHashMap<>();
    private final double replaceShare;
    private final double cancelShare;
    private final Map<String, Book> books = new HashMap<>();
    private final Map<Refusal, Long> refusalCounts = new LinkedHashMap<>();
    private long replacements;
    private long cancellations;
    private long chained;
    private int maxVersion = 1;
    private long notAmendable;
    private long declarations;
    private long files;
    private long xmlFiles;
    private long bytes;

    LoadGenerator(Path out, long seed, double badPercent, List<String> senderIds) {
        this(out, seed, badPercent, senderIds, 0, 0);
    }

    LoadGenerator(Path out, long seed, double badPercent, List<String> senderIds, double replacePercent,
                  double cancelPercent) {
        if (replacePercent < 0 || cancelPercent < 0 || replacePercent + cancelPercent > 100) {
            throw new IllegalArgumentException("replace and cancel percentages out of range: " + replacePercent
                    + " + " + cancelPercent);
        }
        this.out = out;
        this.replaceShare = replacePercent / 100.0;
        this.cancelShare = cancelPercent / 100.0;
        for (Refusal r : Refusal.values()) {
            refusalCounts.put(r, 0L);
        }
        this.random = new SplittableRandom(seed);
        this.badShare = badPercent / 100.0;
        List<Party> parties = parties();
        this.importers = parties.stream().filter(p -> !p.broker()).toList();
        List<Party> chosen = new ArrayList<>();
        for (String id : senderIds) {
            chosen.add(parties.stream().filter(p -> p.ediId().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("sender " + id + " is not an active party of parties.csv")));
        }
        this.senders = List.copyOf(chosen);
        this.tariff = tariff();
        for (Bad b : Bad.values()) {
            badCounts.put(b, 0L);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    /** {@link #main} without leaving the JVM (tests): the command's exit code. */
    public static int run(String... args) {
        return new CommandLine(new Options()).execute(args);
    }

    @Command(name = "LoadGenerator", mixinStandardHelpOptions = true,
            description = "CUSDEC load for the national-scale benchmark, deterministic for a seed.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the files go")
        Path out;
        @Option(names = "--declarations", paramLabel = "N", description = "declarations in all (required without "
                + "--single-interchange-bytes)")
        Long declarations;
        @Option(names = "--per-interchange", paramLabel = "K", defaultValue = "100",
                description = "declarations per interchange (default ${DEFAULT-VALUE})")
        int perInterchange;
        @Option(names = "--senders", paramLabel = "A,B", split = ",", description = "sender EDI ids (default: "
                + "every active party of parties.csv)")
        List<String> senders;
        @Option(names = "--sender", paramLabel = "A", description = "the sender of the single interchange "
                + "(default: the first sender)")
        String sender;
        @Option(names = "--bad-percent", paramLabel = "P", defaultValue = "0",
                description = "share of bad messages (default ${DEFAULT-VALUE})")
        double badPercent;
        @Option(names = "--large-files", paramLabel = "F", defaultValue = "0", description = "large files among them")
        int largeFiles;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "20261128", description = "default ${DEFAULT-VALUE}")
        long seed;
        @Option(names = "--xml-percent", paramLabel = "X", defaultValue = "0",
                description = "share of the files written as XML batches")
        double xmlPercent;
        @Option(names = "--summary", paramLabel = "FILE", description = "also write the counts as properties")
        Path summary;
        @Option(names = "--replace-percent", paramLabel = "R", defaultValue = "0",
                description = "share of the declarations that replace an earlier one of the same sender")
        double replacePercent;
        @Option(names = "--cancel-percent", paramLabel = "C", defaultValue = "0",
                description = "share of the declarations that cancel an earlier one of the same sender")
        double cancelPercent;
        @Option(names = "--single-interchange-bytes", paramLabel = "B",
                description = "one interchange of about this many bytes instead of a set")
        Long singleInterchangeBytes;

        @Override
        public Integer call() throws IOException {
            List<String> senderIds = senders != null ? senders : parties().stream().map(Party::ediId).toList();
            Files.createDirectories(out);
            long start = System.nanoTime();
            String text;
            if (singleInterchangeBytes != null) {
                if (replacePercent != 0 || cancelPercent != 0) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--replace-percent and --cancel-percent need a set (--declarations)");
                }
                LoadGenerator g = new LoadGenerator(out, seed, badPercent, List.of(sender != null ? sender : senderIds.get(0)));
                g.single(singleInterchangeBytes);
                text = g.summary("single", 0);
            } else {
                if (declarations == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--declarations is required");
                }
                LoadGenerator g = new LoadGenerator(out, seed, badPercent, senderIds, replacePercent, cancelPercent);
                g.set(declarations, perInterchange, largeFiles, xmlPercent / 100.0);
                text = g.summary("set", perInterchange);
            }
            if (summary != null) {
                Files.writeString(summary, text.replace(' ', '\n') + "\n");
            }
            System.out.printf(Locale.ROOT, "%s seconds=%.1f%n", text, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    String summary(String mode, int k) {
        StringBuilder b = new StringBuilder();
        b.append("mode=").append(mode).append(" files=").append(files).append(" xml_files=").append(xmlFiles)
                .append(" declarations=").append(declarations).append(" per_interchange=").append(k)
                .append(" bytes=").append(bytes);
        badCounts.forEach((bad, n) -> b.append(" bad_").append(bad.name().toLowerCase(Locale.ROOT)).append('=').append(n));
        if (amending()) {
            // not_amendable: amendment draws that found nothing of that sender to amend yet and became originals
            b.append(" replacements=").append(replacements).append(" cancellations=").append(cancellations)
                    .append(" chained=").append(chained).append(" max_version=").append(maxVersion)
                    .append(" not_amendable=").append(notAmendable);
            refusalCounts.forEach((r, n) -> b.append(" refused_").append(r.name().toLowerCase(Locale.ROOT)).append('=').append(n));
        }
        return b.toString();
    }

    /** N declarations in files of K, except {@code large} files of 100 K; senders and formats drawn per file. */
    void set(long n, int k, int large, double xmlShare) throws IOException {
        if (k < 1 || (long) k * 100 > MAX_MESSAGES_PER_INTERCHANGE && large > 0) {
            throw new IllegalArgumentException("per-interchange out of range: " + k);
        }
        long largeDecls = 100L * k * large;
        if (largeDecls > n) {
            throw new IllegalArgumentException(large + " large files of " + 100 * k + " exceed " + n + " declarations");
        }
        long smallFiles = (n - largeDecls + k - 1) / k;
        long total = smallFiles + large;
        // Large files are spread evenly through the set rather than bunched at the start, as in a real night.
        long every = large == 0 ? Long.MAX_VALUE : Math.max(1, total / large);
        long remaining = n;
        int largeLeft = large;
        long fileCount = 0;
        while (remaining > 0) {
            int size;
            if (largeLeft > 0 && (fileCount % every == 0 || remaining - 100L * k * largeLeft <= 0)) {
                size = 100 * k;
                largeLeft--;
            } else {
                size = (int) Math.min(k, remaining - 100L * k * largeLeft);
            }
            Party sender = senders.get(random.nextInt(senders.size()));
            boolean xml = xmlShare > 0 && random.nextDouble() < xmlShare;
            fileCount++;
            if (xml) {
                xmlBatch(sender, size, fileCount);
            } else {
                interchange(sender, size, fileCount, 1 + random.nextInt(3), Long.MAX_VALUE);
            }
            remaining -= size;
        }
    }

    /** One interchange of about {@code targetBytes}: the streaming check (1 GB must not need 1 GB of heap). */
    void single(long targetBytes) throws IOException {
        // Bigger messages keep the message count within what UNZ can carry.
        long perMessage = Math.max(1, targetBytes / (MAX_MESSAGES_PER_INTERCHANGE - 1000));
        // items per message are drawn uniformly from 1..max, so max is about twice the mean the size needs
        int items = (int) Math.min(999, Math.max(1, 2 * ((perMessage - 230) / 60) + 1));
        interchange(senders.get(0), Integer.MAX_VALUE, 1, items, targetBytes);
    }

    private void interchange(Party sender, int messages, long fileNo, int maxItems, long targetBytes) throws IOException {
        String controlRef = nextControlRef(sender);
        String name = String.format(Locale.ROOT, "load-%07d-%s-%s.edi", fileNo, sender.ediId(), controlRef);
        Charset cs = StandardCharsets.ISO_8859_1;
        Path target = out.resolve(name);
        Path staged = out.resolve("." + name + ".tmp");
        long written;
        int count = 0;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(staged), cs), 1 << 16)) {
            String unb = "UNB+UNOC:3+" + sender.ediId() + "+KCS+261128:0100+" + controlRef + "'\n";
            w.write(unb);
            written = unb.length();
            while (count < messages && written < targetBytes && count < MAX_MESSAGES_PER_INTERCHANGE) {
                count++;
                String ref = Integer.toString(count);
                StringBuilder m = new StringBuilder(512);
                m.append("UNH+").append(ref).append("+CUSDEC:D:96B:UN'\n");
                List<String> body = body(sender, maxItems);
                for (String s : body) {
                    m.append(s).append("'\n");
                }
                m.append("UNT+").append(body.size() + 2).append('+').append(ref).append("'\n");
                w.write(m.toString());
                written += m.length();
            }
            String unz = "UNZ+" + count + "+" + controlRef + "'\n";
            w.write(unz);
            written += unz.length();
        }
        // A reader of the folder (or a run claiming it) never sees a half-written interchange.
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        files++;
        bytes += written;
    }

    private void xmlBatch(Party sender, int size, long fileNo) throws IOException {
        String batchId = nextControlRef(sender);
        String name = String.format(Locale.ROOT, "load-%07d-%s-%s.xml", fileNo, sender.ediId(), batchId);
        Path staged = out.resolve("." + name + ".tmp");
        long written;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(staged), StandardCharsets.UTF_8), 1 << 16)) {
            String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + XmlBatch.header(sender.ediId(), "KCS", batchId, "2026-11-28T10:00:00+09:00");
            if (amending()) {
                // KCS-XML-DECL-2: version 1 has no FunctionCode
                head = head.replace(XmlBatch.NS, XML_NS_V2);
            }
            w.write(head);
            written = head.length();
            for (int i = 0; i < size; i++) {
                String d = xmlDeclaration(sender);
                w.write(d);
                written += d.length();
            }
            w.write(XmlBatch.footer());
            written += XmlBatch.footer().length();
        }
        Files.move(staged, out.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        files++;
        xmlFiles++;
        bytes += written;
    }

    /** The segments of one declaration; a drawn share is damaged (syntax or content). */
    private List<String> body(Party sender, int maxItems) {
        Decl d = next(sender, maxItems);
        Cusdec c = Cusdec.declaration(d.bad == Bad.TOO_LONG ? d.number + "X".repeat(36) : d.number)
                .date(d.date.toString().replace("-", "")).importer(d.importer.customsCode(), d.importer.name())
                .currency(d.currency);
        if (sender.broker()) {
            c.declarant(sender.customsCode());
        }
        for (String[] i : d.items) {
            c.item(i[0], i[1], i[2], i[3], i[4]);
        }
        if (d.bad == Bad.TOTALS) {
            c.total(d.total.add(BigDecimal.ONE).toPlainString());
        }
        List<String> body = c.body();
        if (d.function != Function.ORIGINAL) {
            String bgm = body.get(0);
            if (!bgm.endsWith("+" + Function.ORIGINAL.code)) {
                throw new IllegalStateException("unexpected BGM from Cusdec: " + bgm);
            }
            body.set(0, bgm.substring(0, bgm.length() - 1) + d.function.code);
        }
        return body;
    }

    private String xmlDeclaration(Party sender) {
        Decl d = next(sender, 3);
        XmlDeclaration x = XmlDeclaration.importDeclaration(d.bad == Bad.TOO_LONG ? d.number + "X".repeat(36) : d.number)
                .date(d.date.toString()).trader(d.importer.customsCode(), d.importer.name()).currency(d.currency);
        if (sender.broker()) {
            x.declarant(sender.customsCode());
        }
        for (String[] i : d.items) {
            x.item(i[0], i[1], i[2], i[3], i[4]);
        }
        if (d.bad == Bad.TOTALS) {
            x.total(d.total.add(BigDecimal.ONE).toPlainString());
        }
        String text = x.text();
        if (d.function != Function.ORIGINAL) {
            String element = "<FunctionCode>" + d.function.code + "</FunctionCode>";
            int written = text.indexOf("<FunctionCode>");
            if (written >= 0) {
                // a sample writer that writes the element itself (9): its value replaced
                text = text.substring(0, written) + element + text.substring(text.indexOf("</FunctionCode>", written) + 15);
            } else {
                int id = text.indexOf("</ID>\n") + "</ID>\n".length();
                text = text.substring(0, id) + "    " + element + "\n" + text.substring(id);
            }
        }
        return text;
    }

    /** One version of a declaration: items are {hs, origin, quantity, unit, value}. */
    private record Decl(String number, LocalDate date, Party importer, String currency, List<String[]> items,
                        BigDecimal total, Bad bad, Function function, int version) {
        Decl as(Function f, int v) {
            return new Decl(number, date, importer, currency, items, total, bad, f, v);
        }
    }

    private boolean amending() {
        return replaceShare + cancelShare > 0;
    }

    /** The next declaration of a file: an original, or (when amending) a replacement or cancellation. */
    private Decl next(Party sender, int maxItems) {
        if (!amending()) {
            return draw(sender, maxItems);
        }
        double r = random.nextDouble();
        if (r < replaceShare + cancelShare) {
            Decl a = amend(sender, r < replaceShare, maxItems);
            if (a != null) {
                declarations++;
                maxVersion = Math.max(maxVersion, a.version);
                return a;
            }
            notAmendable++;
        }
        Decl d = draw(sender, maxItems);
        Book book = book(sender);
        if (d.bad == null) {
            remember(book.originals, d);
        } else if (d.bad != Bad.TOO_LONG) {
            // refused for its content, so its number is on record as rejected; too long a number is not
            remember(book.rejected, d);
        }
        return d;
    }

    private Book book(Party sender) {
        return books.computeIfAbsent(sender.ediId(), s -> new Book());
    }

    private static void remember(List<Decl> list, Decl d) {
        list.add(d);
        if (list.size() > BOOK_SIZE) {
            list.remove(0);
        }
    }

    /** Swap-remove: order within a book does not matter, picks are random. */
    private static Decl take(List<Decl> list, int i) {
        Decl d = list.get(i);
        Decl last = list.remove(list.size() - 1);
        if (i < list.size()) {
            list.set(i, last);
        }
        return d;
    }

    /** A replacement or cancellation of an earlier number of this sender, or null when there is none yet. */
    private Decl amend(Party sender, boolean replace, int maxItems) {
        Book book = book(sender);
        if (random.nextDouble() < REFUSAL_SHARE) {
            Refusal kind = !replace ? Refusal.CANCEL_CANCELLED
                    : random.nextBoolean() ? Refusal.REPLACE_UNKNOWN : Refusal.REPLACE_REJECTED;
            Decl refused = refusal(sender, book, kind, maxItems);
            if (refused != null) {
                refusalCounts.merge(kind, 1L, Long::sum);
                if (replace) {
                    replacements++;
                } else {
                    cancellations++;
                }
                return refused;
            }
        }
        boolean chain = !book.amended.isEmpty() && (book.originals.isEmpty() || random.nextDouble() < CHAIN_SHARE);
        List<Decl> from = chain ? book.amended : book.originals;
        if (from.isEmpty()) {
            return null;
        }
        Decl previous = take(from, random.nextInt(from.size()));
        if (chain) {
            chained++;
        }
        if (replace) {
            Decl next = corrected(previous);
            remember(book.amended, next);
            replacements++;
            return next;
        }
        // A cancellation carries the content of the version it cancels.
        Decl cancel = previous.as(Function.CANCELLATION, previous.version + 1);
        remember(book.cancelled, cancel);
        cancellations++;
        return cancel;
    }

    private Decl refusal(Party sender, Book book, Refusal kind, int maxItems) {
        switch (kind) {
            case REPLACE_UNKNOWN -> {
                // U instead of L: a number the generator never files as an original
                String number = String.format(Locale.ROOT, "%sU26%09d", sender.ediId(), ++book.unknown);
                return fresh(sender, maxItems, number).as(Function.REPLACEMENT, 2);
            }
            case REPLACE_REJECTED -> {
                if (book.rejected.isEmpty()) {
                    return null;
                }
                Decl rejected = take(book.rejected, random.nextInt(book.rejected.size()));
                // the corrected content is good: what is refused is replacing a number that was never accepted
                return fresh(sender, maxItems, rejected.number).as(Function.REPLACEMENT, 2);
            }
            case CANCEL_CANCELLED -> {
                if (book.cancelled.isEmpty()) {
                    return null;
                }
                Decl cancelled = book.cancelled.get(random.nextInt(book.cancelled.size()));
                return cancelled.as(Function.CANCELLATION, cancelled.version + 1);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** The full corrected declaration: one item's HS code (to one of another duty rate) or value changed. */
    private Decl corrected(Decl previous) {
        List<String[]> items = new ArrayList<>(previous.items.size());
        for (String[] i : previous.items) {
            items.add(i.clone());
        }
        String[] item = items.get(random.nextInt(items.size()));
        if (random.nextBoolean()) {
            BigDecimal rate = dutyRate(item[0]);
            List<Tariff> other = tariff.stream().filter(t -> t.dutyRate().compareTo(rate) != 0).toList();
            Tariff t = other.get(random.nextInt(other.size()));
            item[0] = t.hsCode();
            item[3] = t.unit();
        } else {
            BigDecimal old = new BigDecimal(item[4]);
            // 50..150% of the old value, never the same: a value that changes duty and VAT
            int percent = 50 + random.nextInt(100);
            if (percent >= 100) {
                percent++;
            }
            BigDecimal value = old.multiply(BigDecimal.valueOf(percent)).movePointLeft(2)
                    .setScale(old.scale(), RoundingMode.HALF_UP);
            if (value.compareTo(old) == 0 || value.signum() <= 0) {
                value = old.add(BigDecimal.ONE);
            }
            item[4] = value.toPlainString();
        }
        BigDecimal total = items.stream().map(i -> new BigDecimal(i[4])).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Decl(previous.number, previous.date, previous.importer, previous.currency, items, total, null,
                Function.REPLACEMENT, previous.version + 1);
    }

    private BigDecimal dutyRate(String hsCode) {
        return tariff.stream().filter(t -> t.hsCode().equals(hsCode)).map(Tariff::dutyRate).findFirst()
                .orElseThrow(() -> new IllegalStateException("HS " + hsCode + " not in the tariff"));
    }

    /** Good content under a given number: the declaration of a refusal case (nothing wrong but its function). */
    private Decl fresh(Party sender, int maxItems, String number) {
        return draw(sender, maxItems, number, false);
    }

    private Decl draw(Party sender, int maxItems) {
        return draw(sender, maxItems, nextDeclarationNo(sender), true);
    }

    private Decl draw(Party sender, int maxItems, String number, boolean mayBeBad) {
        Bad bad = null;
        if (mayBeBad && badShare > 0 && random.nextDouble() < badShare) {
            bad = Bad.values()[random.nextInt(Bad.values().length)];
            badCounts.merge(bad, 1L, Long::sum);
        }
        // An importer declares for itself; a broker for any registered active importer (and names itself declarant).
        Party importer = sender.broker() ? importers.get(random.nextInt(importers.size())) : sender;
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int itemCount = 1 + random.nextInt(maxItems);
        List<String[]> items = new ArrayList<>(itemCount);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < itemCount; i++) {
            Tariff t = tariff.get(random.nextInt(tariff.size()));
            String hs = bad == Bad.UNKNOWN_HS && i == 0 ? "9999999999" : t.hsCode();
            // JPY amounts are whole yen; the others carry cents.
            BigDecimal value = "JPY".equals(currency)
                    ? BigDecimal.valueOf(10_000 + random.nextInt(5_000_000))
                    : BigDecimal.valueOf(10_000 + random.nextInt(5_000_000), 2);
            total = total.add(value);
            items.add(new String[]{hs, ORIGINS[random.nextInt(ORIGINS.length)], Integer.toString(1 + random.nextInt(999)),
                    t.unit(), value.toPlainString()});
        }
        if (mayBeBad) {
            declarations++;
        }
        return new Decl(number, FIRST_DAY.plusDays(random.nextInt(7)), importer, currency, items, total, bad,
                Function.ORIGINAL, 1);
    }

    private String nextDeclarationNo(Party sender) {
        long n = ++declarationCounters.computeIfAbsent(sender.ediId(), s -> new long[1])[0];
        return String.format(Locale.ROOT, "%sL26%09d", sender.ediId(), n);
    }

    /** UNB 0020 is an..14 and must not repeat per sender (0085 code 26 otherwise). */
    private String nextControlRef(Party sender) {
        long n = ++interchangeCounters.computeIfAbsent(sender.ediId(), s -> new long[1])[0];
        return String.format(Locale.ROOT, "LD%09d", n);
    }

    static List<Party> parties() {
        List<Party> parties = new ArrayList<>();
        for (Map<String, String> row : ReferenceFiles.load("parties").rows()) {
            // banks send credit advices, not declarations
            if ("ACTIVE".equals(row.get("status")) && !"BANK".equals(row.get("role"))) {
                parties.add(new Party(row.get("edi_id"), row.get("customs_code"), ediSafe(row.get("name")),
                        "BROKER".equals(row.get("role"))));
            }
        }
        return parties;
    }

    /** Upper case, and no EDIFACT separators or release character in free text. */
    private static String ediSafe(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("['+:?*&<>\"]", "");
    }

    static List<Tariff> tariff() {
        LocalDate first = FIRST_DAY;
        LocalDate last = FIRST_DAY.plusDays(6);
        List<Tariff> lines = new ArrayList<>();
        for (Map<String, String> row : ReferenceFiles.load("tariff").rows()) {
            if (!LocalDate.parse(row.get("valid_from")).isAfter(first) && !LocalDate.parse(row.get("valid_to")).isBefore(last)) {
                lines.add(new Tariff(row.get("hs_code"), row.get("unit"), new BigDecimal(row.get("duty_rate_pct"))));
            }
        }
        return lines;
    }
}
