package org.edibatch.samples.load;

import org.edibatch.samples.load.CreditAdviceGenerator.Case;
import org.edibatch.samples.load.CreditAdviceGenerator.Due;
import org.edibatch.schemas.PaymentNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The credit advice generator: each case is what it says against the dues it was given (read back from the files
 * it wrote, in both formats), the shares are near those asked, a duplicate repeats an earlier credit in a later file,
 * the outbox's answers are read with a replacement's amount winning, and a seed gives the same bytes.
 */
class CreditAdviceGeneratorTest {

    private static final Pattern CAMT_ENTRY = Pattern.compile("<Ntry><Amt Ccy=\"KRW\">([0-9.]+)</Amt>.*?"
            + "<Refs><AcctSvcrRef>([^<]+)</AcctSvcrRef></Refs>.*?<Ref>([^<]+)</Ref>");

    /** One credit as read back from a written file. */
    record Read(String file, String transactionRef, String paymentNumber, BigDecimal amount) {
    }

    private static List<Due> dues(int n) {
        List<Due> dues = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            dues.add(new Due(PaymentNumber.of(1000 + i / 50, i % 50), BigDecimal.valueOf(10_000L + 37L * i)));
        }
        return dues;
    }

    private static CreditAdviceGenerator generator(Path out, long seed) {
        return new CreditAdviceGenerator(out, "HANGUKBANK", seed, 90, 10, 10, 5, 5, 5, 50, 300, 100,
                LocalDate.of(2026, 11, 27));
    }

    @Test
    void everyCaseIsWhatItSaysAgainstTheDues(@TempDir Path dir) throws IOException {
        List<Due> dues = dues(2000);
        Map<String, BigDecimal> due = new HashMap<>();
        dues.forEach(d -> due.put(d.paymentNumber(), d.amount()));
        CreditAdviceGenerator g = generator(dir, 11);
        g.generate(dues.iterator());

        List<Read> credits = readAll(dir);
        long lines = 0;
        for (Case c : Case.values()) {
            lines += g.count(c);
        }
        assertThat(credits).hasSize((int) lines);
        assertThat(g.summary()).contains("lines=" + lines).contains("dues=2000");

        Map<String, List<Read>> byRef = new HashMap<>();
        credits.forEach(c -> byRef.computeIfAbsent(c.transactionRef(), k -> new ArrayList<>()).add(c));
        int exact = 0;
        int partial = 0;
        int over = 0;
        int unknown = 0;
        int malformed = 0;
        int resent = 0;
        for (List<Read> same : byRef.values()) {
            Read c = same.get(0);
            if (same.size() == 2) {
                resent++;
                assertThat(same.get(1).paymentNumber()).isEqualTo(c.paymentNumber());
                assertThat(same.get(1).amount()).isEqualTo(c.amount());
                assertThat(same.get(1).file()).as("a resend goes to a later file").isNotEqualTo(c.file());
            } else {
                assertThat(same).hasSize(1);
            }
            if (PaymentNumber.parse(c.paymentNumber()).isEmpty()) {
                malformed++;
                assertThat(c.paymentNumber()).hasSize(19);
                continue;
            }
            BigDecimal expected = due.get(c.paymentNumber());
            if (expected == null) {
                unknown++;
                continue;
            }
            int cmp = c.amount().compareTo(expected);
            if (cmp == 0) {
                exact++;
            } else if (cmp < 0) {
                partial++;
                assertThat(c.amount()).isPositive();
            } else {
                over++;
            }
        }
        assertThat(resent).isEqualTo(g.count(Case.DUPLICATE));
        assertThat(exact).isEqualTo(g.count(Case.EXACT));
        assertThat(partial).isEqualTo(g.count(Case.PARTIAL));
        assertThat(over).isEqualTo(g.count(Case.OVER));
        assertThat(unknown).isEqualTo(g.count(Case.UNKNOWN));
        assertThat(malformed).isEqualTo(g.count(Case.MALFORMED));
        // 2,000 dues, 90% paid: each share near what was asked (binomial, far inside 4 standard deviations)
        assertThat(g.count(Case.PARTIAL)).isBetween(130L, 230L);
        assertThat(g.count(Case.UNKNOWN)).isBetween(55L, 130L);
        assertThat(g.count(Case.DUPLICATE)).isBetween(55L, 130L);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).anyMatch(n -> n.endsWith(".xml")).anyMatch(n -> n.endsWith(".edi"))
                    .noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void aSeedGivesTheSameBytes(@TempDir Path dir) throws IOException {
        generator(dir.resolve("a"), 5).generate(dues(700).iterator());
        generator(dir.resolve("b"), 5).generate(dues(700).iterator());
        generator(dir.resolve("c"), 6).generate(dues(700).iterator());
        assertThat(contents(dir.resolve("a"))).isEqualTo(contents(dir.resolve("b")))
                .isNotEqualTo(contents(dir.resolve("c")));
    }

    @Test
    void theOutboxAnswersGiveTheAmountsDueAndAReplacementsAmountWins(@TempDir Path dir) throws IOException {
        String a = PaymentNumber.of(12, 1);
        String b = PaymentNumber.of(12, 2);
        Files.writeString(dir.resolve("answer-1.edi"), "UNB+UNOC:3+KCS+HANBITTRD+261128:0100+A1'\n"
                + "UNH+1+CUSRES:D:96B:UN'BGM+962+ACC1+29'RFF+PQ:" + a + "'MOA+9:96000:KRW'DTM+13:20261213:102'UNT+6+1'\n"
                + "UNH+2+CUSRES:D:96B:UN'BGM+962+ACC2+29'RFF+PQ:" + b + "'MOA+9:5000:KRW'UNT+5+2'\n"
                + "UNH+3+CUSRES:D:96B:UN'BGM+962+D3+27'ERC+C110::KCS'UNT+4+3'\n"
                + "UNZ+3+A1'\n");
        Files.writeString(dir.resolve("answer-2.edi"), "UNB+UNOC:3+KCS+HANBITTRD+261129:0100+A2'\n"
                + "UNH+1+CUSRES:D:96B:UN'BGM+962+ACC3+5+AP'RFF+PQ:" + a + "'MOA+9:120000:KRW'UNT+5+1'\n"
                + "UNZ+1+A2'\n");
        Files.writeString(dir.resolve("contrl.edi"), "UNB+UNOC:3+KCS+HANBITTRD+261129:0100+A3'\n"
                + "UNH+1+CONTRL:D:3:UN'UCI+X+HANBITTRD+KCS+7'UNT+3+1'UNZ+1+A3'\n");

        assertThat(CreditAdviceGenerator.duesFromOutbox(dir)).containsExactly(
                new Due(a, new BigDecimal("120000")), new Due(b, new BigDecimal("5000")));
    }

    @Test
    void aCsvGivesNumbersOrTheDeclarationsIdentity() {
        String csv = "# dues\nfile_id,msg_index,amount\n42,7,96000\n" + PaymentNumber.of(43, 1) + ",500\n\n";
        var it = CreditAdviceGenerator.duesFromCsv(new BufferedReader(new StringReader(csv)));
        List<Due> read = new ArrayList<>();
        it.forEachRemaining(read::add);
        assertThat(read).containsExactly(new Due(PaymentNumber.of(42, 7), new BigDecimal("96000")),
                new Due(PaymentNumber.of(43, 1), new BigDecimal("500")));
        assertThatThrownBy(() -> CreditAdviceGenerator.duesFromCsv(new BufferedReader(new StringReader("1,2,3,4"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesAboveAHundredAreRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> new CreditAdviceGenerator(dir, "B", 1, 100, 50, 40, 20, 0, 0, 0, 10, 10,
                LocalDate.of(2026, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditAdviceGenerator(dir, "B", 1, 100, 0, 0, 0, 0, 0, 0, 10, 10_000,
                LocalDate.of(2026, 1, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    static List<Read> readAll(Path dir) throws IOException {
        List<Read> credits = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            if (name.endsWith(".xml")) {
                Matcher m = CAMT_ENTRY.matcher(text);
                while (m.find()) {
                    credits.add(new Read(name, m.group(2), m.group(3), new BigDecimal(m.group(1))));
                }
            } else {
                String ref = null;
                String number = null;
                boolean inSeq = false;
                for (String seg : CreditAdviceGenerator.segments(text)) {
                    if (seg.startsWith("SEQ+")) {
                        inSeq = true;
                    } else if (inSeq && seg.startsWith("RFF+AIK:")) {
                        ref = seg.substring(8);
                    } else if (inSeq && seg.startsWith("RFF+PQ:")) {
                        number = seg.substring(7);
                    } else if (inSeq && seg.startsWith("MOA+60:")) {
                        credits.add(new Read(name, ref, number, new BigDecimal(seg.substring(7).split(":")[0])));
                        inSeq = false;
                    }
                }
            }
        }
        return credits;
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> m = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }
}
