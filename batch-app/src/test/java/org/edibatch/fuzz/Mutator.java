package org.edibatch.fuzz;

import org.edibatch.samples.HostileCorpus;
import org.edibatch.samples.SampleSet;
import org.edibatch.samples.load.CreditAdviceGenerator;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.samples.xml.XmlSampleSet;
import org.edibatch.schemas.PaymentNumber;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Hostile inputs for the fuzz properties: a file of the sample generators (good ones, bad ones, the small
 * classes of the hostile corpus), damaged by one to three mutations drawn from a seed. The same seed always
 * gives the same input, so a finding is replayed from the seed jqwik reports. Inputs stay below ~2 MB: the
 * properties bound the time per input, and the million-segment classes have their own tests.
 */
final class Mutator {

    /** An input and how it was made, for the report of a failing try. */
    record Input(String how, byte[] bytes) {
        @Override
        public String toString() {
            String head = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.ISO_8859_1)
                    .replaceAll("[\\x00-\\x1f\\x7f-\\xff]", ".");
            return how + " (" + bytes.length + " bytes: " + head + "...)";
        }
    }

    private static final List<byte[]> EDIFACT = edifactSeeds();
    private static final List<byte[]> XML = xmlSeeds();
    private static final List<byte[]> CREMUL = creditAdviceSeeds(false);
    private static final List<byte[]> CAMT054 = creditAdviceSeeds(true);
    private static final List<byte[]> EDIFACT_BIDS = bidSeeds(true);
    private static final List<byte[]> XML_BIDS = bidSeeds(false);

    private Mutator() {
    }

    private static List<byte[]> edifactSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        SampleSet.generate().forEach((name, bytes) -> {
            if (name.endsWith(".edi")) {
                seeds.add(bytes);
            }
        });
        for (HostileCorpus.Kind k : HostileCorpus.Kind.values()) {
            if (!k.large()) {
                seeds.add(HostileCorpus.of(k, 17).bytes());
            }
        }
        return List.copyOf(seeds);
    }

    private static List<byte[]> xmlSeeds() {
        List<byte[]> seeds = new ArrayList<>(XmlSampleSet.generate().values());
        seeds.add(XmlSampleSet.billionLaughs());
        // never resolved: the readers refuse any DOCTYPE before resolving (port 9 is discard)
        seeds.add(XmlSampleSet.xxe("http://127.0.0.1:9/xxe"));
        seeds.add(XmlSampleSet.parameterEntity("http://127.0.0.1:9/pe"));
        return List.copyOf(seeds);
    }

    /** The banks' advices of the credit advice generator, every matching case, small files of a few messages. */
    private static List<byte[]> creditAdviceSeeds(boolean camt) {
        List<byte[]> seeds = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory("fuzz-advices");
            try {
                List<CreditAdviceGenerator.Due> dues = new ArrayList<>();
                for (int i = 1; i <= 40; i++) {
                    dues.add(new CreditAdviceGenerator.Due(PaymentNumber.of(700 + i / 9, i % 9), BigDecimal.valueOf(900L * i)));
                }
                new CreditAdviceGenerator(dir, "HANGUKBANK", 19, 90, 15, 15, 10, 10, 10, camt ? 100 : 0, 8, 3,
                        LocalDate.of(2026, 11, 27)).generate(dues.iterator());
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        seeds.add(Files.readAllBytes(f));
                        Files.delete(f);
                    }
                }
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(seeds);
    }

    /**
     * Bids as the bidder's tool writes them (guide KONEPS-CONTEN-1 or bid.xsd): seals of one byte, of a bid sealed
     * by {@code bid seal} (about 3 KB: three group 10 repetitions) and of 12 KB; ids with service characters.
     */
    private static List<byte[]> bidSeeds(boolean edifact) {
        List<byte[]> seeds = new ArrayList<>();
        int n = 0;
        for (int length : new int[]{1, 3_000, 12_000}) {
            byte[] sealed = new byte[length];
            new SplittableRandom(length).nextBytes(sealed);
            String ref = n++ == 0 ? "B+'?:1" : "B-T2026-0001-V001";
            seeds.add(edifact
                    ? ProcurementSamples.bidEdifact("CB000" + n, "KONEPS", ref, "202611280900", "T2026-0001", "V001", 3, 7,
                    sealed)
                    : ProcurementSamples.bidXml(ref, "2026-11-28T09:00:00+09:00", "T2026-0001", "V001", 3, 7, sealed));
        }
        return List.copyOf(seeds);
    }

    /** A bid the bidder's tool wrote as a CONTEN, damaged by the EDIFACT mutations. */
    static Input edifactBid(long seed) {
        return mutated("conten", EDIFACT_BIDS, seed, 17, true);
    }

    /** A bid the bidder's tool wrote in XML, damaged by the XML mutations. */
    static Input xmlBid(long seed) {
        return mutated("bid-xml", XML_BIDS, seed, 16, false);
    }

    /** A generated CREMUL interchange, damaged by the EDIFACT mutations. */
    static Input cremul(long seed) {
        return mutated("cremul", CREMUL, seed, 17, true);
    }

    /** A generated camt.054 document, damaged by the XML mutations. */
    static Input camt054(long seed) {
        return mutated("camt054", CAMT054, seed, 16, false);
    }

    private static Input mutated(String kind, List<byte[]> seeds, long seed, int ops, boolean edifact) {
        SplittableRandom r = new SplittableRandom(seed);
        int s = r.nextInt(seeds.size());
        byte[] b = seeds.get(s);
        StringBuilder how = new StringBuilder(kind + " seed=" + seed + " sample#" + s);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int op = r.nextInt(ops);
            how.append(' ').append(edifact ? EDIFACT_OPS[op] : XML_OPS[op]);
            b = edifact ? edifactOp(op, r, b) : xmlOp(op, r, b);
        }
        return new Input(how.toString(), b);
    }

    static int edifactSeedCount() {
        return EDIFACT.size();
    }

    static int xmlSeedCount() {
        return XML.size();
    }

    static Input edifact(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int s = r.nextInt(EDIFACT.size());
        byte[] b = EDIFACT.get(s);
        StringBuilder how = new StringBuilder("edifact seed=" + seed + " sample#" + s);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int op = r.nextInt(17);
            how.append(' ').append(EDIFACT_OPS[op]);
            b = edifactOp(op, r, b);
        }
        return new Input(how.toString(), b);
    }

    static Input xml(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int s = r.nextInt(XML.size());
        byte[] b = XML.get(s);
        StringBuilder how = new StringBuilder("xml seed=" + seed + " sample#" + s);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int op = r.nextInt(16);
            how.append(' ').append(XML_OPS[op]);
            b = xmlOp(op, r, b);
        }
        return new Input(how.toString(), b);
    }

    private static final String[] EDIFACT_OPS = {"flip", "truncate", "duplicate-segment", "remove-segment",
            "swap-separators", "release-char", "una", "huge-element", "nul", "invalid-utf8", "syntax-id",
            "message-type", "drop-unt", "second-interchange", "splice", "line-breaks", "element-value"};

    private static byte[] edifactOp(int op, SplittableRandom r, byte[] b) {
        return switch (op) {
            case 0 -> flip(r, b);
            case 1 -> Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2 -> duplicateSegment(r, b);
            case 3 -> removeSegment(r, b);
            case 4 -> swapSeparators(r, b);
            case 5 -> insert(r, b, "?".getBytes(StandardCharsets.US_ASCII));
            case 6 -> una(r, b);
            case 7 -> insertAfter(r, b, (byte) '+', "A".repeat(pickInt(r, 512, 4095, 4096, 4097, 10_000, 100_000)));
            case 8 -> insert(r, b, new byte[]{0});
            case 9 -> invalidUtf8(r, b);
            case 10 -> replace(b, "UNB+UNO[A-Z]:\\d", "UNB+" + pick(r, "UNOA:1", "UNOB:2", "UNOC:2", "UNOY:4", "UNOY:3",
                    "UNOA:4", "IATA:1", "IATB:1", "UNOZ:3", "UNOC:5", "UNOC", "UNOC:", ":3"));
            case 11 -> replace(b, "CUSDEC:D:96B:UN", pick(r, "CUSRES:D:96B:UN", "APERAK:D:96B:UN", "INVOIC:D:96A:UN",
                    "CONTRL:D:3:UN", "CUSDEC:D:03B:UN", "CUSDEC:D:96A:UN", "CUSDEC:S:93A:UN", "CUSDEC", "CUSDEC:D:96B"));
            case 12 -> replace(b, "UNT\\+\\d+\\+\\d+'\\n?", "");
            case 13 -> concat(b, EDIFACT.get(r.nextInt(EDIFACT.size())));
            case 14 -> splice(r, b, EDIFACT.get(r.nextInt(EDIFACT.size())));
            case 15 -> insert(r, b, pick(r, "\r\n", "\n", " ", "\t").getBytes(StandardCharsets.US_ASCII));
            case 16 -> insertAfter(r, b, (byte) '+', pick(r, "9".repeat(35), "-1", "1E5", ".5", "1,5", "0000000000000000000",
                    "99999999999999999999999", "20261131", "00000000", "?", "::", "++", "'"));
            default -> throw new IllegalStateException("op " + op);
        };
    }

    private static final String[] XML_OPS = {"flip", "truncate", "nul", "invalid-utf8", "huge-text",
            "duplicate-element", "remove-element", "deep-nesting", "entity", "doctype", "namespace", "encoding",
            "huge-attribute", "cdata-comment-pi", "text-value", "splice"};

    private static byte[] xmlOp(int op, SplittableRandom r, byte[] b) {
        return switch (op) {
            case 0 -> flip(r, b);
            case 1 -> Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2 -> insert(r, b, new byte[]{0});
            case 3 -> insert(r, b, pick(r, new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF},
                    new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[]{(byte) 0xE2, (byte) 0x82}));
            case 4 -> insertAfter(r, b, (byte) '>', "x".repeat(pickInt(r, 1000, 65_535, 65_537, 200_000)));
            case 5 -> duplicateElement(r, b, pick(r, "GoodsItem", "ImportDeclaration", "ExportDeclaration", "ID", "Importer",
                    "SenderID", "FunctionCode"), pickInt(r, 1, 2, 100, 2000));
            case 6 -> removeElement(r, b, pick(r, "GoodsItem", "ID", "IssueDate", "Importer", "SenderID", "BatchID",
                    "RecipientID", "TotalInvoiceAmount", "CustomsValueAmount", "Quantity", "DeclarationCurrencyCode"));
            case 7 -> {
                int d = pickInt(r, 10, 28, 33, 1000, 50_000);
                yield insertAfter(r, b, (byte) '>', "<a>".repeat(d) + "</a>".repeat(d));
            }
            case 8 -> insertAfter(r, b, (byte) '>', pick(r, "&lt;", "&amp;", "&foo;", "&#0;", "&#xD800;", "&#x110000;",
                    "&#65;", "&#x1F600;", "&", "&lol9;", "&xxe;", "]]>"));
            case 9 -> prependProlog(b, pick(r,
                    "<!DOCTYPE DeclarationBatch [<!ENTITY e \"x\">]>\n",
                    "<!DOCTYPE DeclarationBatch SYSTEM \"http://127.0.0.1:9/d.dtd\">\n",
                    "<!DOCTYPE DeclarationBatch [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n",
                    "<!DOCTYPE DeclarationBatch>\n", "<?xml-stylesheet href=\"x\"?>\n", "<!-- a comment -->\n"));
            case 10 -> replace(b, "urn:edibatch:customs:declaration:\\d", pick(r, "urn:edibatch:customs:declaration:2",
                    "urn:edibatch:customs:declaration:1", "urn:edibatch:customs:declaration:3", "", "urn:other"));
            case 11 -> replace(b, "encoding=\"UTF-8\"", pick(r, "encoding=\"UTF-16\"", "encoding=\"ISO-8859-1\"",
                    "encoding=\"EBCDIC-CP-US\"", "encoding=\"x-unknown\"", "encoding=\"US-ASCII\"", ""));
            case 12 -> replace(b, "<ItemClassificationCode ", "<ItemClassificationCode " + pick(r,
                    "a=\"" + "v".repeat(2_000_000 >> 1) + "\" ", "a=\"1\" a=\"2\" ", "xmlns:p=\"urn:p\" p:x=\"1\" ", "listID=\"X\" "));
            case 13 -> insertAfter(r, b, (byte) '>', pick(r, "<![CDATA[x]]>", "<!-- c -->", "<?pi data?>",
                    "<![CDATA[" + "<".repeat(1000) + "]]>", "<!--" + "-".repeat(3) + ">"));
            case 14 -> textValue(r, b);
            case 15 -> splice(r, b, XML.get(r.nextInt(XML.size())));
            default -> throw new IllegalStateException("op " + op);
        };
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static int pickInt(SplittableRandom r, int... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static byte[] flip(SplittableRandom r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            c[r.nextInt(c.length)] = (byte) r.nextInt(256);
        }
        return c;
    }

    private static byte[] insert(SplittableRandom r, byte[] b, byte[] what) {
        return insertAt(b, r.nextInt(b.length + 1), what);
    }

    private static byte[] insertAt(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    /** Inserts after a randomly chosen occurrence of {@code after} (anywhere when there is none). */
    private static byte[] insertAfter(SplittableRandom r, byte[] b, byte after, String what) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == after) {
                at.add(i + 1);
            }
        }
        int pos = at.isEmpty() ? r.nextInt(b.length + 1) : at.get(r.nextInt(at.size()));
        return insertAt(b, pos, what.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] replace(byte[] b, String regex, String with) {
        return bytes(text(b).replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(with)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
        o.writeBytes(a);
        o.writeBytes(b);
        return o.toByteArray();
    }

    private static byte[] splice(SplittableRandom r, byte[] a, byte[] b) {
        return concat(Arrays.copyOf(a, r.nextInt(a.length + 1)), Arrays.copyOfRange(b, r.nextInt(b.length + 1), b.length));
    }

    /** Segment ends: after each terminator not preceded by the release character (default separators). */
    private static List<Integer> segmentEnds(byte[] b) {
        List<Integer> ends = new ArrayList<>();
        ends.add(0);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\'' && (i == 0 || b[i - 1] != '?')) {
                int e = i + 1;
                while (e < b.length && (b[e] == '\n' || b[e] == '\r')) {
                    e++;
                }
                ends.add(e);
            }
        }
        return ends;
    }

    private static byte[] duplicateSegment(SplittableRandom r, byte[] b) {
        List<Integer> ends = segmentEnds(b);
        if (ends.size() < 2) {
            return b;
        }
        int i = r.nextInt(ends.size() - 1);
        byte[] seg = Arrays.copyOfRange(b, ends.get(i), ends.get(i + 1));
        int times = pickInt(r, 1, 2, 10, 1000, 20_000);
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + seg.length * times);
        o.write(b, 0, ends.get(i + 1));
        for (int t = 0; t < times; t++) {
            o.writeBytes(seg);
        }
        o.write(b, ends.get(i + 1), b.length - ends.get(i + 1));
        return o.toByteArray();
    }

    private static byte[] removeSegment(SplittableRandom r, byte[] b) {
        List<Integer> ends = segmentEnds(b);
        if (ends.size() < 2) {
            return b;
        }
        int i = r.nextInt(ends.size() - 1);
        return concat(Arrays.copyOf(b, ends.get(i)), Arrays.copyOfRange(b, ends.get(i + 1), b.length));
    }

    private static byte[] swapSeparators(SplittableRandom r, byte[] b) {
        byte[] chars = {'+', ':', '\'', '?', '*', '.', ' '};
        byte x = chars[r.nextInt(chars.length)];
        byte y = chars[r.nextInt(chars.length)];
        byte[] c = b.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == x) {
                c[i] = y;
            } else if (c[i] == y) {
                c[i] = x;
            }
        }
        return c;
    }

    /** A UNA with other (or broken) service characters, the body rewritten to them or left as it was. */
    private static byte[] una(SplittableRandom r, byte[] b) {
        String t = text(b).replaceFirst("^UNA......\\n?", "");
        String svc = pick(r, ":+.? '", "|*.# ~", "+:.? '", "::::::", "\u0000+.? '", ":+.?", ":+.? '\u00ff", "\u001d\u001f.? \u001c");
        if (svc.length() == 6 && r.nextBoolean()) {
            // a consistent rewrite: the same interchange under the new separators
            StringBuilder o = new StringBuilder(t.length());
            for (char ch : t.toCharArray()) {
                int k = ":+.? '".indexOf(ch);
                o.append(k >= 0 && k != 2 && k != 4 ? svc.charAt(k) : ch);
            }
            t = o.toString();
        }
        return bytes("UNA" + svc + t);
    }

    private static byte[] invalidUtf8(SplittableRandom r, byte[] b) {
        byte[] c = replace(b, "UNB\\+UNO[A-Z]:\\d", "UNB+UNOY:4");
        return insertAfter(r, c, (byte) '+', new String(pick(r, new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0x80}),
                StandardCharsets.ISO_8859_1));
    }

    private static byte[] duplicateElement(SplittableRandom r, byte[] b, String tag, int times) {
        String t = text(b);
        int start = t.indexOf("<" + tag + ">");
        int end = t.indexOf("</" + tag + ">", Math.max(start, 0));
        if (start < 0 || end < 0) {
            return b;
        }
        end += tag.length() + 3;
        String element = t.substring(start, end);
        if ((long) element.length() * times > 1_500_000) {
            times = Math.max(1, 1_500_000 / element.length());
        }
        return bytes(t.substring(0, end) + element.repeat(times) + t.substring(end));
    }

    private static byte[] removeElement(SplittableRandom r, byte[] b, String tag) {
        String t = text(b);
        int start = t.indexOf("<" + tag);
        int end = t.indexOf("</" + tag + ">", Math.max(start, 0));
        if (start < 0 || end < 0) {
            return b;
        }
        return bytes(t.substring(0, start) + t.substring(end + tag.length() + 3));
    }

    private static byte[] prependProlog(byte[] b, String decl) {
        String t = text(b);
        int at = t.startsWith("<?xml") ? t.indexOf("?>") + 2 : 0;
        return bytes(t.substring(0, at) + "\n" + decl + t.substring(at));
    }

    /** One element's text replaced by a value the mapping must survive (numbers, dates, codes out of range). */
    private static byte[] textValue(SplittableRandom r, byte[] b) {
        String t = text(b);
        List<int[]> texts = new ArrayList<>();
        for (int i = t.indexOf('>'); i >= 0 && i + 1 < t.length(); i = t.indexOf('>', i + 1)) {
            int lt = t.indexOf('<', i + 1);
            if (lt > i + 1 && lt + 1 < t.length() && t.charAt(lt + 1) == '/') {
                texts.add(new int[]{i + 1, lt});
            }
        }
        if (texts.isEmpty()) {
            return b;
        }
        int[] at = texts.get(r.nextInt(texts.size()));
        String v = pick(r, "9".repeat(40), "-1", "1E5", "1e999999999", ".5", "1,5", "NaN", "-0", "0", "",
                " 12 ", "2026-02-30", "0000-00-00", "99999-12-31", "2026-11-25Z", "KP", "XX", "\u00e9", "100.123456789",
                "12345678901234567890.12", "+5", "0x10", "9", "5", "1", "4");
        return bytes(t.substring(0, at[0]) + v + t.substring(at[1]));
    }
}
