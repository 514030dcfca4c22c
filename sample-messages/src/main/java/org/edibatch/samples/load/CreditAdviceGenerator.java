package org.edibatch.samples.load;

import org.edibatch.schemas.PaymentNumber;
import org.edibatch.schemas.ReferenceFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The banks' side of duty payments: credit advices for a share of the accepted declarations, as UN/EDIFACT CREMUL
 * (guide KCS-CREMUL-1) and ISO 20022 camt.054 (KCS-CAMT054-1) files, with every matching case in chosen shares:
 * exact, partial, over, unknown (a valid payment number no declaration has), malformed (a bad check pair) and
 * duplicate (the same bank transaction reported again, usually in a later file).
 *
 * <pre>
 * CreditAdviceGenerator --out DIR (--outbox DIR | --dues CSV) [--bank ID] [--paid-percent P]
 *     [--partial-percent P] [--over-percent P] [--unknown-percent P] [--malformed-percent P]
 *     [--duplicate-percent P] [--camt-percent P] [--per-file N] [--per-message N] [--seed S]
 *     [--value-date YYYY-MM-DD] [--summary FILE]
 * </pre>
 *
 * What is due comes from the answers in an outbox (each CUSRES message's {@code RFF+PQ} payment number and
 * {@code MOA+9} amount due; a later answer for the same number, a replacement's, replaces the amount) or from a CSV
 * of {@code payment number,amount} or {@code file id,message index,amount} rows (the second form read straight
 * from the database, so a benchmark needs no answers). The CSV is streamed: memory stays flat for any N. Output is
 * deterministic for a seed; files are unsigned (scripts sign them with the bank's demo key, as for declarations).
 */
public final class CreditAdviceGenerator {

    /** What a generated credit line is, for the matching to find. */
    public enum Case { EXACT, PARTIAL, OVER, UNKNOWN, MALFORMED, DUPLICATE }

    /** One amount due: the payment number and the amount the answer asked for. */
    public record Due(String paymentNumber, BigDecimal amount) {
    }

    /** One credit as written: also what a test reads back. */
    public record Credit(Case kind, String transactionRef, String paymentReference, BigDecimal amount) {
    }

    static final int MAX_PER_MESSAGE = 9999; // the guide's SG10 repetitions in one LIN group

    private final Path out;
    private final String bank;
    private final SplittableRandom random;
    private final double paid;
    private final double[] shares; // partial, over, unknown, malformed, duplicate (of the paid)
    private final double camtShare;
    private final int perFile;
    private final int perMessage;
    private final LocalDate valueDate;
    private final String controlPrefix;

    private final List<Credit> pending = new ArrayList<>();
    private final List<Credit> duplicates = new ArrayList<>();
    private final Map<Case, long[]> counts = new EnumMap<>(Case.class);
    private final Map<Case, BigDecimal> amounts = new EnumMap<>(Case.class);
    private long dues;
    private long unpaid;
    private long transactions;
    private int files;
    private int camtFiles;
    private long bytes;

    public CreditAdviceGenerator(Path out, String bank, long seed, double paidPercent, double partialPercent,
                                 double overPercent, double unknownPercent, double malformedPercent,
                                 double duplicatePercent, double camtPercent, int perFile, int perMessage,
                                 LocalDate valueDate) {
        double sum = partialPercent + overPercent + unknownPercent + malformedPercent + duplicatePercent;
        if (sum > 100 || paidPercent < 0 || paidPercent > 100 || perFile < 1 || perMessage < 1
                || perMessage > MAX_PER_MESSAGE) {
            throw new IllegalArgumentException("shares must add up to at most 100, per-message 1.." + MAX_PER_MESSAGE);
        }
        this.out = out;
        this.bank = bank;
        this.random = new SplittableRandom(seed);
        this.paid = paidPercent / 100;
        this.shares = new double[]{partialPercent / 100, overPercent / 100, unknownPercent / 100,
                malformedPercent / 100, duplicatePercent / 100};
        this.camtShare = camtPercent / 100;
        this.perFile = perFile;
        this.perMessage = perMessage;
        this.valueDate = valueDate;
        this.controlPrefix = String.format(Locale.ROOT, "P%04d", Math.floorMod(seed, 10_000));
        for (Case c : Case.values()) {
            counts.put(c, new long[1]);
            amounts.put(c, BigDecimal.ZERO);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    @Command(name = "CreditAdviceGenerator", mixinStandardHelpOptions = true,
            description = "Banks' credit advices (CREMUL, camt.054) paying the declarations' amounts due.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the files go")
        Path out;
        @Option(names = "--outbox", paramLabel = "DIR", description = "answers to read the amounts due from")
        Path outbox;
        @Option(names = "--dues", paramLabel = "CSV", description = "payment number,amount (or file id,message "
                + "index,amount) rows")
        Path duesCsv;
        @Option(names = "--bank", paramLabel = "ID", description = "the bank's EDI id (default: the first BANK "
                + "party of parties.csv)")
        String bank;
        @Option(names = "--paid-percent", defaultValue = "100", description = "share of the dues paid at all")
        double paidPercent;
        @Option(names = "--partial-percent", defaultValue = "0") double partialPercent;
        @Option(names = "--over-percent", defaultValue = "0") double overPercent;
        @Option(names = "--unknown-percent", defaultValue = "0") double unknownPercent;
        @Option(names = "--malformed-percent", defaultValue = "0") double malformedPercent;
        @Option(names = "--duplicate-percent", defaultValue = "0") double duplicatePercent;
        @Option(names = "--camt-percent", defaultValue = "0", description = "share of the files written as camt.054")
        double camtPercent;
        @Option(names = "--per-file", defaultValue = "10000", description = "credits per file") int perFile;
        @Option(names = "--per-message", defaultValue = "1000",
                description = "credits per CREMUL message or camt.054 notification") int perMessage;
        @Option(names = "--seed", defaultValue = "20261128") long seed;
        @Option(names = "--value-date", defaultValue = "2026-11-27") LocalDate valueDate;
        @Option(names = "--summary", paramLabel = "FILE", description = "also write the counts as properties")
        Path summary;

        @Override
        public Integer call() throws IOException {
            if ((outbox == null) == (duesCsv == null)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "give one of --outbox and --dues");
            }
            long start = System.nanoTime();
            Files.createDirectories(out);
            CreditAdviceGenerator g = new CreditAdviceGenerator(out, bank != null ? bank : defaultBank(), seed,
                    paidPercent, partialPercent, overPercent, unknownPercent, malformedPercent, duplicatePercent,
                    camtPercent, perFile, perMessage, valueDate);
            if (outbox != null) {
                g.generate(duesFromOutbox(outbox).iterator());
            } else {
                try (BufferedReader r = Files.newBufferedReader(duesCsv, StandardCharsets.UTF_8)) {
                    g.generate(duesFromCsv(r));
                }
            }
            String text = g.summary();
            if (summary != null) {
                Files.writeString(summary, text.replace(' ', '\n') + "\n");
            }
            System.out.printf(Locale.ROOT, "%s seconds=%.1f%n", text, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    /** The first bank of the party registry: the one whose demo key signs the advices. */
    public static String defaultBank() {
        for (Map<String, String> row : ReferenceFiles.load("parties").rows()) {
            if ("BANK".equals(row.get("role")) && "ACTIVE".equals(row.get("status"))) {
                return row.get("edi_id");
            }
        }
        throw new IllegalStateException("no active BANK party in parties.csv: give --bank");
    }

    /** Draws each due's case and writes the files; returns nothing, see {@link #summary()}. */
    public void generate(Iterator<Due> source) throws IOException {
        Files.createDirectories(out);
        while (source.hasNext()) {
            Due due = source.next();
            dues++;
            if (random.nextDouble() >= paid) {
                unpaid++;
                continue;
            }
            double draw = random.nextDouble();
            Case kind = Case.EXACT;
            double edge = 0;
            Case[] drawn = {Case.PARTIAL, Case.OVER, Case.UNKNOWN, Case.MALFORMED, Case.DUPLICATE};
            for (int i = 0; i < drawn.length; i++) {
                edge += shares[i];
                if (draw < edge) {
                    kind = drawn[i];
                    break;
                }
            }
            Credit c = credit(kind == Case.DUPLICATE ? Case.EXACT : kind, due);
            if (kind == Case.DUPLICATE) {
                // paid exactly, then the same credit reported again, a file later when there is one
                duplicates.add(c);
            }
            add(c);
        }
        while (!pending.isEmpty() || !duplicates.isEmpty()) {
            flushFile(true);
        }
    }

    private Credit credit(Case kind, Due due) {
        String ref = nextTransactionRef();
        BigDecimal amount = due.amount();
        String number = due.paymentNumber();
        switch (kind) {
            case PARTIAL -> amount = amount.multiply(BigDecimal.valueOf(10 + random.nextInt(81)))
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).max(BigDecimal.ONE);
            case OVER -> amount = amount.add(BigDecimal.valueOf(1 + random.nextInt(50_000)));
            case UNKNOWN -> number = PaymentNumber.of(9_000_000_000L + random.nextLong(999_999_999L),
                    1 + random.nextInt(9_999_999));
            case MALFORMED -> {
                int check = Integer.parseInt(number.substring(17));
                number = number.substring(0, 17) + String.format(Locale.ROOT, "%02d", (check + 1 + random.nextInt(97)) % 100);
            }
            default -> { }
        }
        return new Credit(kind, ref, number, amount);
    }

    private String nextTransactionRef() {
        transactions++;
        return String.format(Locale.ROOT, "%s-%s%011d", bank.length() > 10 ? bank.substring(0, 10) : bank,
                controlPrefix, transactions);
    }

    private void add(Credit c) throws IOException {
        pending.add(c);
        counts.get(c.kind())[0]++;
        amounts.merge(c.kind(), c.amount(), BigDecimal::add);
        if (pending.size() >= perFile) {
            flushFile(false);
        }
    }

    /** Writes the pending credits (and the duplicates of earlier files) as one file. */
    private void flushFile(boolean last) throws IOException {
        List<Credit> credits = new ArrayList<>(pending);
        pending.clear();
        List<Credit> resent = new ArrayList<>();
        for (Credit d : duplicates) {
            if (!credits.contains(d) || last) {
                resent.add(d);
            }
        }
        duplicates.removeAll(resent);
        for (Credit d : resent) {
            credits.add(new Credit(Case.DUPLICATE, d.transactionRef(), d.paymentReference(), d.amount()));
            counts.get(Case.DUPLICATE)[0]++;
            amounts.merge(Case.DUPLICATE, d.amount(), BigDecimal::add);
        }
        if (credits.isEmpty()) {
            return;
        }
        files++;
        boolean camt = random.nextDouble() < camtShare;
        String controlRef = controlPrefix + String.format(Locale.ROOT, "%07d", files);
        String name = String.format(Locale.ROOT, "pay-%05d-%s-%s.%s", files, bank, controlRef, camt ? "xml" : "edi");
        Path staged = out.resolve("." + name + ".tmp");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(staged),
                StandardCharsets.ISO_8859_1), 1 << 16)) {
            bytes += camt ? camt054(w, controlRef, credits) : cremul(w, controlRef, credits);
        }
        if (camt) {
            camtFiles++;
        }
        Files.move(staged, out.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** One interchange; a message per {@code perMessage} credits, each one LIN group (one booking). */
    long cremul(Writer w, String controlRef, List<Credit> credits) throws IOException {
        long n = 0;
        String date = valueDate.toString().replace("-", "");
        n += write(w, "UNB+UNOC:3+" + bank + "+KCS+261128:0100+" + controlRef + "'\n");
        int messages = 0;
        for (int from = 0; from < credits.size(); from += perMessage) {
            List<Credit> part = credits.subList(from, Math.min(credits.size(), from + perMessage));
            messages++;
            String ref = Integer.toString(messages);
            BigDecimal total = BigDecimal.ZERO;
            for (Credit c : part) {
                total = total.add(c.amount());
            }
            StringBuilder m = new StringBuilder(64 + part.size() * 110);
            int segments = 0;
            m.append("UNH+").append(ref).append("+CREMUL:D:96B:UN'\n");
            m.append("BGM+435+").append(controlRef).append('-').append(ref).append("+9'\n");
            m.append("DTM+137:").append(date).append(":102'\n");
            m.append("LIN+1'\n");
            m.append("DTM+209:").append(date).append(":102'\n");
            m.append("MOA+60:").append(total.toPlainString()).append(":KRW'\n");
            m.append("RFF+ACK:").append(controlRef).append('-').append(ref).append("'\n");
            m.append("FII+BF+").append(CUSTOMS_ACCOUNT).append("'\n");
            segments += 9; // UNH, BGM, DTM, LIN, DTM, MOA, RFF, FII, UNT
            int seq = 0;
            for (Credit c : part) {
                seq++;
                m.append("SEQ++").append(seq).append("'\n");
                m.append("FII+BF+").append(CUSTOMS_ACCOUNT).append("'\n");
                m.append("RFF+AIK:").append(c.transactionRef()).append("'\n");
                m.append("RFF+PQ:").append(c.paymentReference()).append("'\n");
                m.append("MOA+60:").append(c.amount().toPlainString()).append(":KRW'\n");
                segments += 5;
            }
            m.append("UNT+").append(segments).append('+').append(ref).append("'\n");
            n += write(w, m.toString());
        }
        n += write(w, "UNZ+" + messages + "+" + controlRef + "'\n");
        return n;
    }

    /** One document; a notification per {@code perMessage} credits, each credit one entry with its details. */
    long camt054(Writer w, String controlRef, List<Credit> credits) throws IOException {
        long n = 0;
        String date = valueDate.toString();
        n += write(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"" + CAMT_NS + "\">\n"
                + "<BkToCstmrDbtCdtNtfctn>\n<GrpHdr><MsgId>" + controlRef + "</MsgId><CreDtTm>" + date
                + "T18:00:00+09:00</CreDtTm><MsgRcpt><Id><OrgId><Othr><Id>KCS</Id></Othr></OrgId></Id></MsgRcpt>"
                + "</GrpHdr>\n");
        int notifications = 0;
        for (int from = 0; from < credits.size(); from += perMessage) {
            List<Credit> part = credits.subList(from, Math.min(credits.size(), from + perMessage));
            notifications++;
            StringBuilder m = new StringBuilder(256 + part.size() * 420);
            m.append("<Ntfctn><Id>").append(controlRef).append('-').append(notifications).append("</Id>")
                    .append("<Acct><Id><Othr><Id>").append(CUSTOMS_ACCOUNT).append("</Id></Othr></Id><Ccy>KRW</Ccy>")
                    .append("<Svcr><FinInstnId><Othr><Id>").append(bank).append("</Id></Othr></FinInstnId></Svcr>")
                    .append("</Acct>\n");
            for (Credit c : part) {
                m.append("<Ntry><Amt Ccy=\"KRW\">").append(c.amount().toPlainString())
                        .append("</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><ValDt><Dt>").append(date)
                        .append("</Dt></ValDt><AcctSvcrRef>").append(c.transactionRef()).append("</AcctSvcrRef>")
                        .append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly>")
                        .append("</Domn></BkTxCd><NtryDtls><TxDtls><Refs><AcctSvcrRef>").append(c.transactionRef())
                        .append("</AcctSvcrRef></Refs><RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd>")
                        .append("</CdOrPrtry></Tp><Ref>").append(c.paymentReference())
                        .append("</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n");
            }
            m.append("</Ntfctn>\n");
            n += write(w, m.toString());
        }
        n += write(w, "</BkToCstmrDbtCdtNtfctn>\n</Document>\n");
        return n;
    }

    static final String CAMT_NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";

    /** The customs office's collection account at the banks (beneficiary of every credit). */
    static final String CUSTOMS_ACCOUNT = "KCS0000000001";

    private static int write(Writer w, String s) throws IOException {
        w.write(s);
        return s.length();
    }

    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("bank=").append(bank).append(" dues=").append(dues).append(" unpaid=").append(unpaid)
                .append(" files=").append(files).append(" camt_files=").append(camtFiles).append(" bytes=").append(bytes);
        long lines = 0;
        for (Case c : Case.values()) {
            lines += counts.get(c)[0];
            String key = c.name().toLowerCase(Locale.ROOT);
            b.append(' ').append(key).append('=').append(counts.get(c)[0]);
            b.append(' ').append(key).append("_amount=").append(amounts.get(c).toPlainString());
        }
        b.append(" lines=").append(lines);
        return b.toString();
    }

    public long count(Case c) {
        return counts.get(c)[0];
    }

    /**
     * The amounts due in an outbox's CUSRES answers, by payment number in the order first answered; a later
     * answer for the same number (a replacement's) replaces the amount. Files are read in name order.
     */
    public static List<Due> duesFromOutbox(Path outbox) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(outbox)) {
            for (Path f : ds) {
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        }
        Collections.sort(files);
        Map<String, BigDecimal> due = new LinkedHashMap<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            if (!text.contains("CUSRES:")) {
                continue;
            }
            String number = null;
            BigDecimal amount = null;
            for (String segment : segments(text)) {
                if (segment.startsWith("UNH+")) {
                    number = null;
                    amount = null;
                } else if (segment.startsWith("RFF+PQ:") && number == null) {
                    number = segment.substring(7);
                } else if (segment.startsWith("MOA+9:") && amount == null) {
                    String[] parts = segment.substring(6).split(":", -1);
                    amount = new BigDecimal(parts[0].replace(',', '.'));
                } else if (segment.startsWith("UNT+") && number != null && amount != null
                        && amount.signum() > 0) {
                    due.put(number, amount);
                }
            }
        }
        List<Due> list = new ArrayList<>();
        due.forEach((k, v) -> list.add(new Due(k, v)));
        return list;
    }

    /** The segments of an interchange (default separators; '?' releases the next character). */
    static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' && i + 1 < text.length()) {
                s.append(text.charAt(++i));
            } else if (c == '\'') {
                segments.add(s.toString().strip());
                s.setLength(0);
            } else {
                s.append(c);
            }
        }
        return segments;
    }

    /** A CSV of dues, read as it is consumed; '#' lines and a header line are passed over. */
    public static Iterator<Due> duesFromCsv(BufferedReader r) {
        return new Iterator<>() {
            private Due next = read();

            private Due read() {
                try {
                    String line;
                    while ((line = r.readLine()) != null) {
                        line = line.strip();
                        if (line.isEmpty() || line.startsWith("#") || !Character.isDigit(line.charAt(0))) {
                            continue;
                        }
                        String[] f = line.split(",");
                        if (f.length == 2) {
                            return new Due(f[0].strip(), new BigDecimal(f[1].strip()));
                        }
                        if (f.length == 3) {
                            return new Due(PaymentNumber.of(Long.parseLong(f[0].strip()), Integer.parseInt(f[1].strip())),
                                    new BigDecimal(f[2].strip()));
                        }
                        throw new IllegalArgumentException("not a dues row: " + line);
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Due next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Due d = next;
                next = read();
                return d;
            }
        };
    }
}
