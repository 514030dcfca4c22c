package org.edibatch.customs;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.samples.SampleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The mapper reads dates and amounts by hand in the common case: it must agree with the JDK's parsers always. */
class DeclarationMapperTest {

    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private static LocalDate formatter(String v) {
        try {
            return LocalDate.parse(v, STRICT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal jdk(String v) {
        try {
            return new BigDecimal(v.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Test
    void datesAreReadAsTheStrictFormatterReadsThem() {
        List<String> samples = new ArrayList<>(List.of("20261123", "20240229", "20230229", "20261131", "20261301",
                "20260001", "20260100", "00001231", "99991231", "2026112", "202611230", "+20261123", "-20261123",
                "2026-11-23", "2026112a", "", "\u0662\u0660\u0662\u0666\u0661\u0661\u0662\u0663", "120261123",
                "+120261123"));
        Random random = new Random(20261202);
        for (int i = 0; i < 20_000; i++) {
            samples.add(String.format("%04d%02d%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33)));
        }
        for (String v : samples) {
            assertThat(DeclarationMapper.date(v)).as(v).isEqualTo(formatter(v));
        }
        assertThat(DeclarationMapper.date("20240229")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void amountsHaveTheValueAndScaleOfNewBigDecimal() {
        List<String> samples = new ArrayList<>(List.of("0", "00", "0012", "12.50", "12,50", ".5", "5.", ".", ",",
                "1.2.3", "1,2.3", "-5", "+5", "1E5", "1e-3", " 1", "1 ", "999999999999999999", "9999999999999999999",
                "123456789012345678.9", "0.000000000000000001", "\u0661\u0662", "38046.67", "16211.67"));
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(22);
            for (int k = 0; k < n; k++) {
                int r = random.nextInt(14);
                b.append(r < 10 ? (char) ('0' + r) : r == 10 ? '.' : r == 11 ? ',' : r == 12 ? '-' : 'E');
            }
            samples.add(b.toString());
        }
        for (String v : samples) {
            BigDecimal expected = jdk(v);
            BigDecimal actual = DeclarationMapper.decimal(v);
            assertThat(actual).as(v).isEqualTo(expected); // equals: the same value and the same scale
        }
        assertThat(DeclarationMapper.decimal("")).isNull();
        assertThat(DeclarationMapper.decimal(null)).isNull();
    }

    @Test
    void acceptanceNumbersKeepEightDigitsWithTheirLeadingZeros() {
        for (int i = 0; i < 2_000; i++) {
            Declaration d = new Declaration("SENDER", "NO" + i, LocalDate.of(2026, 11, 25), "IMP", "x", null, "USD",
                    BigDecimal.ONE, List.of());
            String no = CustomsRules.acceptanceNo(d);
            assertThat(no).matches("KCS261125\\d{8}");
            long expected = Long.parseLong(no.substring(9));
            assertThat(no.substring(9)).isEqualTo(String.format("%08d", expected));
            assertThat(CustomsRules.acceptanceNo(d, CustomsRules.sha256())).isEqualTo(no);
        }
    }

    @Test
    void itemsAreReadFromTheD96bItemGroup() throws Exception {
        // the tariff quantity travels in MEA (6311 AAR) with its unit in C174, the value in the group 33 MOA
        byte[] edi = SampleSet.generate().get("good-hanbit-001.edi");
        try (InterchangeReader r = InterchangeReader.inbound(new ByteArrayInputStream(edi), true)) {
            r.next();
            EdifactMessage shirts = r.next();
            assertThat(shirts.errors()).isEmpty();
            DeclarationMapper.Result result = new DeclarationMapper().map("HANBITTRD", shirts);
            assertThat(result.errors()).isEmpty();
            assertThat(result.declaration().items())
                    .extracting(DeclarationItem::hsCode, DeclarationItem::origin, DeclarationItem::quantity,
                            DeclarationItem::unit, DeclarationItem::value)
                    .containsExactly(tuple("6109100000", "VN", new BigDecimal("500"), "PCE", new BigDecimal("2500.00")),
                            tuple("6110200000", "VN", new BigDecimal("200"), "PCE", new BigDecimal("1800.50")));
        }
    }
}
