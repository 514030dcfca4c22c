package org.edibatch.customs;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomsRulesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private static Declaration usd(String no, String total, DeclarationItem... items) {
        return new Declaration("SENDER", no, DAY, "IMP1", "Importer", null, "USD", new BigDecimal(total), List.of(items));
    }

    private static DeclarationItem item(int n, String hs, String origin, String qty, String value) {
        return new DeclarationItem(n, hs, origin, new BigDecimal(qty), "PCE", new BigDecimal(value), "USD");
    }

    @Test
    void domainWorkedExample() {
        // DOMAIN.md: USD 1,000 x KRW 1,200 x 8% = KRW 96,000; VAT 10% x (1,200,000 + 96,000) = 129,600
        StubReference ref = new StubReference().tariff("8703231000", "8").rate("USD", "1200").importer("IMP1", false);
        Assessment a = new TaxCalculator(ref, RoundingMode.DOWN, BigDecimal.TEN)
                .assess(usd("D1", "1000", item(1, "8703231000", "DE", "1", "1000")));
        assertThat(a.customsValue()).isEqualByComparingTo("1200000");
        assertThat(a.duty()).isEqualByComparingTo("96000");
        assertThat(a.vat()).isEqualByComparingTo("129600");
    }

    @Test
    void eachTaxIsTruncatedToWholeWonByDefaultAndRoundingIsConfigurable() {
        StubReference ref = new StubReference().tariff("6109100000", "13").rate("USD", "1398.50");
        Declaration d = usd("D2", "2500.00", item(1, "6109100000", "VN", "1", "2500.00"));
        Assessment down = new TaxCalculator(ref, RoundingMode.DOWN, BigDecimal.TEN).assess(d);
        assertThat(down.duty()).isEqualByComparingTo("454512"); // 454,512.5 truncated
        Assessment halfUp = new TaxCalculator(ref, RoundingMode.HALF_UP, BigDecimal.TEN).assess(d);
        assertThat(halfUp.duty()).isEqualByComparingTo("454513");
    }

    @Test
    void percentagesAreExactWhateverTheRoundingMode() {
        // the tax is x% as a decimal-point shift: for each mode, the same whole won as dividing by 100
        java.util.Random random = new java.util.Random(11);
        for (RoundingMode mode : List.of(RoundingMode.DOWN, RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.UP,
                RoundingMode.CEILING, RoundingMode.FLOOR)) {
            for (int i = 0; i < 2_000; i++) {
                String value = random.nextInt(100_000) + "." + String.format("%02d", random.nextInt(100));
                String rate = random.nextInt(30) + (random.nextBoolean() ? "" : "." + random.nextInt(10));
                StubReference ref = new StubReference().tariff("6109100000", rate).rate("USD", "1398.50");
                Declaration d = usd("P" + i, value, item(1, "6109100000", "VN", "1", value));
                Assessment a = new TaxCalculator(ref, mode, BigDecimal.TEN).assess(d);
                BigDecimal cv = new BigDecimal(value).multiply(new BigDecimal("1398.50")).setScale(0, mode);
                BigDecimal duty = cv.multiply(new BigDecimal(rate)).divide(BigDecimal.valueOf(100)).setScale(0, mode);
                BigDecimal vat = cv.add(duty).multiply(BigDecimal.TEN).divide(BigDecimal.valueOf(100)).setScale(0, mode);
                assertThat(a.duty()).as("%s %s%% of %s", mode, rate, value).isEqualTo(duty);
                assertThat(a.vat()).isEqualTo(vat);
            }
        }
    }

    @Test
    void checksNameEachContentError() {
        StubReference ref = new StubReference().tariff("9503003900", "8").importer("IMP1", false);
        Declaration d = new Declaration("S", "D3", DAY, "NOBODY", "x", null, "GBP", new BigDecimal("100"),
                List.of(new DeclarationItem(1, "0000000000", "CN", BigDecimal.ONE, "PCE", new BigDecimal("90"), "GBP")));
        assertThat(new DeclarationChecks(ref).check(d)).extracting(ContentError::code).containsExactly(
                CustomsErrorCode.UNKNOWN_IMPORTER, CustomsErrorCode.UNKNOWN_HS_CODE,
                CustomsErrorCode.MISSING_EXCHANGE_RATE, CustomsErrorCode.TOTALS_MISMATCH);
    }

    @Test
    void selectivityAddsRuleScoresAndItsRandomSampleIsReproducible() {
        StubReference ref = new StubReference().tariff("7108130000", "3").rate("USD", "1000").importer("IMP1", true);
        ref.rules = List.of(new ReferenceData.SelectivityRule("R02", "HS_PREFIX", "7108", 40, "gold"),
                new ReferenceData.SelectivityRule("R06", "IMPORTER_HISTORY", "Y", 40, "history"));
        TaxCalculator tax = new TaxCalculator(ref, RoundingMode.DOWN, BigDecimal.TEN);
        SelectivityEngine engine = new SelectivityEngine(ref, new SelectivityEngine.Settings(40, 70, 7L, new BigDecimal("3")));
        Declaration gold = usd("G1", "10", item(1, "7108130000", "CH", "1", "10"));
        Selection s = engine.select(gold, tax.assess(gold));
        assertThat(s.score()).isEqualTo(80);
        assertThat(s.channel()).isEqualTo(Channel.RED);
        assertThat(s.ruleHits()).containsExactly("R02", "R06");

        // 3% of 2,000 clean declarations: sampled deterministically, about 60 of them, the same ones every time
        SelectivityEngine clean = new SelectivityEngine(new StubReference(), new SelectivityEngine.Settings(40, 70, 7L, new BigDecimal("3")));
        StubReference plain = new StubReference().tariff("9503003900", "8").rate("USD", "1000");
        TaxCalculator plainTax = new TaxCalculator(plain, RoundingMode.DOWN, BigDecimal.TEN);
        int red = 0;
        int again = 0;
        for (int i = 0; i < 2000; i++) {
            Declaration d = usd("N" + i, "1", item(1, "9503003900", "CN", "1", "1"));
            Assessment a = plainTax.assess(d);
            if (clean.select(d, a).channel() == Channel.RED) {
                red++;
            }
            if (clean.select(d, a).channel() == Channel.RED) {
                again++;
            }
        }
        assertThat(red).isEqualTo(again).isBetween(35, 85);
    }

    /** 18 digits of dollars are valid syntax; in won they are more than the ledger holds: rejected, not posted. */
    @Test
    void anAmountLargerThanAnyDeclarationIsRejected() {
        StubReference ref = new StubReference().tariff("9503003900", "8").rate("USD", "1398.50").importer("IMP1", false);
        CustomsRules rules = new CustomsRules(new DeclarationChecks(ref), new TaxCalculator(ref, RoundingMode.DOWN,
                BigDecimal.TEN), new SelectivityEngine(ref, new SelectivityEngine.Settings(40, 70, 7L, new BigDecimal("3"))));
        String huge = "999999999999999999";
        DeclarationOutcome o = rules.decide(usd("H1", huge, item(1, "9503003900", "CN", "1", huge)), List.of());
        assertThat(o.accepted()).isFalse();
        assertThat(o.errors()).extracting(e -> e.code().code()).containsExactly("C160");
        DeclarationOutcome fine = rules.decide(usd("H2", "1000000", item(1, "9503003900", "CN", "1", "1000000")), List.of());
        assertThat(fine.accepted()).isTrue();
    }
}
