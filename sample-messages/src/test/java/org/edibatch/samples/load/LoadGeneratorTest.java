package org.edibatch.samples.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's amendments: their shares, that every amendment follows what it amends in the order the
 * service reads files, that the refusal cases are the ones it says, and that a seed gives the same bytes.
 */
class LoadGeneratorTest {

    private static final List<String> SENDERS = LoadGenerator.parties().stream().map(LoadGenerator.Party::ediId).toList();

    /**
     * The digest of the EDIFACT files of the set without amendments (seed 7, 3,000 declarations, 20 per interchange,
     * one large file, 3% bad, 20% XML), in the D96B form of guide KCS-CUSDEC-1 with units of UN/ECE Rec. 20 (KGM): the generator writes exactly these
     * bytes whether or not amendment shares are given as zero, so benchmark figures stay comparable. The XML files'
     * random draws are in it too (one random sequence feeds both formats); their text is the XML sample writer's,
     * whose own version may change.
     */
    private static final String EDIFACT_BEFORE_AMENDMENTS = "2bff90d840c0ce3ae052dbac731f30c9f5080bf2017639f37258182d0d25b81e";

    @Test
    void withoutAmendmentsTheBytesAreThoseOfBefore(@TempDir Path dir) throws Exception {
        LoadGenerator g = new LoadGenerator(dir(dir.resolve("a")), 7, 3, SENDERS);
        g.set(3000, 20, 1, 0.2);
        LoadGenerator zero = new LoadGenerator(dir(dir.resolve("b")), 7, 3, SENDERS, 0, 0);
        zero.set(3000, 20, 1, 0.2);
        for (Path d : List.of(dir.resolve("a"), dir.resolve("b"))) {
            assertThat(digest(d, ".edi")).isEqualTo(EDIFACT_BEFORE_AMENDMENTS);
            try (Stream<Path> files = Files.list(d)) {
                List<Path> xml = files.filter(p -> p.toString().endsWith(".xml")).toList();
                assertThat(xml).hasSize(10);
                for (Path x : xml) {
                    String text = Files.readString(x);
                    assertThat(text).contains("xmlns=\"" + org.edibatch.samples.xml.XmlBatch.NS + "\"")
                            .doesNotContain("FunctionCode");
                }
            }
        }
        assertThat(digest(dir.resolve("b"), "")).isEqualTo(digest(dir.resolve("a"), ""));
        assertThat(zero.summary("set", 20)).isEqualTo(g.summary("set", 20))
                .startsWith("mode=set files=51 xml_files=10 declarations=3000 per_interchange=20 bytes=")
                .endsWith(" bad_too_long=31 bad_unknown_hs=36 bad_totals=34");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes(@TempDir Path dir) throws Exception {
        for (String name : List.of("a", "b")) {
            new LoadGenerator(dir(dir.resolve(name)), 11, 2, SENDERS, 10, 2).set(4000, 50, 0, 0.1);
        }
        new LoadGenerator(dir(dir.resolve("c")), 12, 2, SENDERS, 10, 2).set(4000, 50, 0, 0.1);
        assertThat(digest(dir.resolve("a"), "")).isEqualTo(digest(dir.resolve("b"), ""));
        assertThat(digest(dir.resolve("c"), "")).isNotEqualTo(digest(dir.resolve("a"), ""));
    }

    @Test
    void sharesOrderAndRefusalsAreAsAsked(@TempDir Path dir) throws Exception {
        LoadGenerator g = new LoadGenerator(dir, 20261128, 2, SENDERS, 10, 2);
        int n = 20_000;
        g.set(n, 100, 0, 0.1);
        Map<String, String> summary = summary(g.summary("set", 100));

        List<Msg> messages = read(dir);
        assertThat(messages).hasSize(n);
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".xml")).count()).isPositive();
        long replacements = messages.stream().filter(m -> m.function.equals("5")).count();
        long cancellations = messages.stream().filter(m -> m.function.equals("1")).count();
        assertThat(replacements).isEqualTo(Long.parseLong(summary.get("replacements")));
        assertThat(cancellations).isEqualTo(Long.parseLong(summary.get("cancellations")));
        // binomial draws: 10% and 2% of 20,000 within about four standard deviations
        assertThat(replacements).isBetween(1800L, 2200L);
        assertThat(cancellations).isBetween(340L, 460L);

        // Replay in the order the service reads (file name, then position), as the service's rules would decide.
        Map<String, String> state = new HashMap<>();   // sender:number -> ACCEPTED | REJECTED | CANCELLED
        Map<String, Msg> current = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        long replaceUnknown = 0;
        long replaceRejected = 0;
        long cancelCancelled = 0;
        long cancelAfterReplacement = 0;
        long longestChain = 0;
        for (Msg m : messages) {
            String key = m.sender + ":" + m.number;
            String s = state.get(key);
            switch (m.function) {
                case "9" -> {
                    assertThat(s).as("original %s filed twice", key).isNull();
                    state.put(key, m.bad() ? "REJECTED" : "ACCEPTED");
                    current.put(key, m);
                    versions.put(key, 1);
                }
                case "5" -> {
                    assertThat(m.bad()).as("replacements are well-formed: %s", key).isFalse();
                    if (s == null) {
                        replaceUnknown++;
                    } else if (s.equals("REJECTED")) {
                        replaceRejected++;
                    } else {
                        assertThat(s).as("replacement of a cancelled %s", key).isEqualTo("ACCEPTED");
                        Msg before = current.get(key);
                        assertThat(m.items).as("a replacement changes an HS code or a value: %s", key).isNotEqualTo(before.items);
                        assertThat(m.items).as("same items, one changed").hasSameSizeAs(before.items);
                        current.put(key, m);
                        longestChain = Math.max(longestChain, versions.merge(key, 1, Integer::sum));
                    }
                }
                case "1" -> {
                    if ("CANCELLED".equals(s)) {
                        cancelCancelled++;
                    } else {
                        assertThat(s).as("cancellation of %s without an accepted earlier version", key).isEqualTo("ACCEPTED");
                        assertThat(m.items).as("a cancellation carries what it cancels").isEqualTo(current.get(key).items);
                        if (versions.get(key) > 1) {
                            cancelAfterReplacement++;
                        }
                        state.put(key, "CANCELLED");
                    }
                }
                default -> throw new AssertionError("function " + m.function + " of " + key);
            }
        }
        assertThat(replaceUnknown).isPositive().isEqualTo(Long.parseLong(summary.get("refused_replace_unknown")));
        assertThat(replaceRejected).isPositive().isEqualTo(Long.parseLong(summary.get("refused_replace_rejected")));
        assertThat(cancelCancelled).isPositive().isEqualTo(Long.parseLong(summary.get("refused_cancel_cancelled")));
        // refusal cases are a small share of the amendments
        assertThat(replaceUnknown + replaceRejected + cancelCancelled).isLessThan((replacements + cancellations) / 10);
        assertThat(longestChain).as("chains of several replacements").isGreaterThanOrEqualTo(3);
        assertThat(cancelAfterReplacement).as("cancellations after replacements").isPositive();
    }

    @Test
    void replacementsChangeTheTax(@TempDir Path dir) throws Exception {
        new LoadGenerator(dir, 5, 0, SENDERS, 30, 0).set(3000, 100, 0, 0);
        Map<String, String> rates = new HashMap<>();
        for (var row : org.edibatch.schemas.ReferenceFiles.load("tariff").rows()) {
            rates.putIfAbsent(row.get("hs_code"), row.get("duty_rate_pct"));
        }
        Map<String, Msg> current = new HashMap<>();
        int hsChanges = 0;
        int valueChanges = 0;
        for (Msg m : read(dir)) {
            String key = m.sender + ":" + m.number;
            Msg before = current.put(key, m);
            if (!m.function.equals("5") || before == null) {
                continue;
            }
            int changed = 0;
            for (int i = 0; i < m.items.size(); i++) {
                String[] a = before.items.get(i).split("=");
                String[] b = m.items.get(i).split("=");
                if (!a[0].equals(b[0])) {
                    changed++;
                    hsChanges++;
                    assertThat(new BigDecimal(rates.get(b[0]))).as("new HS code of another duty rate")
                            .isNotEqualByComparingTo(new BigDecimal(rates.get(a[0])));
                }
                if (new BigDecimal(a[1]).compareTo(new BigDecimal(b[1])) != 0) {
                    changed++;
                    valueChanges++;
                }
            }
            assertThat(changed).as("exactly one change in %s", key).isEqualTo(1);
        }
        assertThat(hsChanges).isPositive();
        assertThat(valueChanges).isPositive();
    }

    private record Msg(String sender, String number, String function, List<String> items, boolean totalsWrong,
                       boolean unknownHs) {
        boolean bad() {
            return totalsWrong || unknownHs || number.length() > 35;
        }
    }

    private static Path dir(Path p) throws IOException {
        return Files.createDirectories(p);
    }

    private static final Pattern FILE = Pattern.compile("load-\\d{7}-([A-Z]+)-LD\\d+\\.(edi|xml)");
    private static final Pattern XML_DECL = Pattern.compile("<ImportDeclaration>(.*?)</ImportDeclaration>", Pattern.DOTALL);

    /** Every declaration, in file-name order and then position: the order the claim and the reader take. */
    private static List<Msg> read(Path dir) throws IOException {
        List<Msg> messages = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            Matcher name = FILE.matcher(f.getFileName().toString());
            assertThat(name.matches()).as(f.toString()).isTrue();
            String sender = name.group(1);
            if (name.group(2).equals("edi")) {
                readEdifact(sender, Files.readString(f, StandardCharsets.ISO_8859_1), messages);
            } else {
                readXml(sender, Files.readString(f), messages);
            }
        }
        return messages;
    }

    private static void readEdifact(String sender, String text, List<Msg> out) {
        String number = null;
        String function = null;
        BigDecimal total = null;
        List<String> items = null;
        String hs = null;
        for (String seg : text.split("'\n")) {
            String[] e = seg.split("\\+");
            switch (e[0]) {
                case "BGM" -> {
                    number = e[2];
                    function = e[3];
                    items = new ArrayList<>();
                }
                case "MOA" -> {
                    String[] c = e[1].split(":");
                    if (c[0].equals("39")) {
                        total = new BigDecimal(c[1]);
                    } else {
                        items.add(hs + "=" + c[1]);
                    }
                }
                case "CST" -> hs = e[2];
                case "UNT" -> {
                    out.add(msg(sender, number, function, total, items));
                }
                default -> {
                }
            }
        }
    }

    private static void readXml(String sender, String text, List<Msg> out) {
        assertThat(text).contains("xmlns=\"" + LoadGenerator.XML_NS_V2 + "\"");
        Matcher d = XML_DECL.matcher(text);
        while (d.find()) {
            String x = d.group(1);
            String number = first(x, "<ID>([^<]*)</ID>");
            String function = x.contains("<FunctionCode>") ? first(x, "<FunctionCode>(\\d)</FunctionCode>") : "9";
            BigDecimal total = new BigDecimal(first(x, "<TotalInvoiceAmount>([^<]*)<"));
            List<String> items = new ArrayList<>();
            Matcher i = Pattern.compile("listID=\"HSK\">(\\d+)<.*?<CustomsValueAmount[^>]*>([^<]*)<", Pattern.DOTALL).matcher(x);
            while (i.find()) {
                items.add(i.group(1) + "=" + i.group(2));
            }
            out.add(msg(sender, number, function, total, items));
        }
    }

    private static Msg msg(String sender, String number, String function, BigDecimal total, List<String> items) {
        BigDecimal sum = items.stream().map(i -> new BigDecimal(i.split("=")[1])).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Msg(sender, number, function, List.copyOf(items), sum.compareTo(total) != 0,
                items.stream().anyMatch(i -> i.startsWith("9999999999=")));
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static Map<String, String> summary(String line) {
        Map<String, String> m = new HashMap<>();
        for (String kv : line.split(" ")) {
            String[] p = kv.split("=", 2);
            m.put(p[0], p[1]);
        }
        return m;
    }

    /** SHA-256 over the files whose names end with {@code suffix}, in name order: each name, a newline, its bytes. */
    private static String digest(Path dir, String suffix) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                md.update((f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
