package org.edibatch.payment;

import org.edibatch.schemas.PaymentNumber;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Every matching case of docs/PAYMENTS.md, with amounts computed by hand. */
class PaymentRulesTest {

    /** Declaration 2026-0001 of HANBITTRD, original message 3 of file 42: tax 105,600 KRW (96,000 duty + 9,600 VAT). */
    private static final String NUMBER = PaymentNumber.of(42, 3);
    private static final Receivable DUE = new Receivable("HANBITTRD", "2026-0001", "P001", 1, false,
            new BigDecimal("105600"), BigDecimal.ZERO);

    private static Function<PaymentNumber.Key, Optional<Receivable>> only(Receivable r) {
        return key -> Optional.ofNullable(Map.of(new PaymentNumber.Key(42, 3), r).get(key));
    }

    private static PaymentLine line(String reference, String amount) {
        return line("TX1", reference, amount, "KRW");
    }

    private static PaymentLine line(String ref, String reference, String amount, String currency) {
        return new PaymentLine(1, 1, ref, reference, amount == null ? null : new BigDecimal(amount), currency,
                LocalDate.of(2026, 3, 5));
    }

    private static BigDecimal krw(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void anExactPaymentSettlesWhatIsOpen() {
        PaymentMatch m = PaymentRules.decide(line(NUMBER, "105600"), false, only(DUE));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.EXACT);
        assertThat(m.code()).isNull();
        assertThat(m.declaration()).isEqualTo(DUE);
        assertThat(m.applied()).isEqualByComparingTo("105600");
        assertThat(m.refund()).isZero();
        assertThat(m.suspense()).isZero();
        assertThat(DUE.afterPaying(m.applied()).open()).isZero();
    }

    @Test
    void aPartialPaymentLeavesTheRestOpen() {
        PaymentMatch m = PaymentRules.decide(line(NUMBER, "60000"), false, only(DUE));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.PARTIAL);
        assertThat(m.applied()).isEqualByComparingTo("60000");
        // 105,600 - 60,000 = 45,600 still open; paying exactly that settles it
        Receivable after = DUE.afterPaying(m.applied());
        assertThat(after.open()).isEqualByComparingTo("45600");
        PaymentMatch rest = PaymentRules.decide(line("TX2", NUMBER, "45600", "KRW"), false, only(after));
        assertThat(rest.outcome()).isEqualTo(PaymentMatch.Outcome.EXACT);
    }

    @Test
    void anOverpaymentSettlesWhatIsOpenAndOwesTheExcessBack() {
        PaymentMatch m = PaymentRules.decide(line(NUMBER, "110000"), false, only(DUE));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.OVERPAID);
        assertThat(m.code()).isEqualTo(PaymentCode.P13);
        assertThat(m.applied()).isEqualByComparingTo("105600");
        assertThat(m.refund()).isEqualByComparingTo("4400"); // 110,000 - 105,600
        assertThat(m.suspense()).isZero();
    }

    @Test
    void aPaymentOfADeclarationPaidInFullGoesToRefunds() {
        Receivable paid = DUE.afterPaying(krw("105600"));
        PaymentMatch m = PaymentRules.decide(line(NUMBER, "105600"), false, only(paid));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.REFUND);
        assertThat(m.code()).isEqualTo(PaymentCode.P14);
        assertThat(m.applied()).isZero();
        assertThat(m.refund()).isEqualByComparingTo("105600");
    }

    @Test
    void aMalformedPaymentNumberGoesToSuspense() {
        // one digit mistyped: the check pair no longer matches
        String typo = NUMBER.substring(0, 16) + (NUMBER.charAt(16) == '9' ? '8' : '9') + NUMBER.substring(17);
        for (String reference : new String[]{typo, "12345", null, "ABCDEFGHIJKLMNOPQRS"}) {
            PaymentMatch m = PaymentRules.decide(line(reference, "105600"), false, only(DUE));
            assertThat(m.outcome()).as(reference).isEqualTo(PaymentMatch.Outcome.SUSPENSE);
            assertThat(m.code()).isEqualTo(PaymentCode.P10);
            assertThat(m.declaration()).isNull();
            assertThat(m.suspense()).isEqualByComparingTo("105600");
            assertThat(m.applied()).isZero();
        }
    }

    @Test
    void aWellFormedNumberOfNoDeclarationGoesToSuspense() {
        PaymentMatch m = PaymentRules.decide(line(PaymentNumber.of(42, 4), "105600"), false, only(DUE));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.SUSPENSE);
        assertThat(m.code()).isEqualTo(PaymentCode.P11);
        assertThat(m.suspense()).isEqualByComparingTo("105600");
    }

    @Test
    void aPaymentOfACancelledDeclarationIsOwedBackToTheImporter() {
        Receivable cancelled = new Receivable("HANBITTRD", "2026-0001", "P001", 2, true, BigDecimal.ZERO,
                BigDecimal.ZERO);
        PaymentMatch m = PaymentRules.decide(line(NUMBER, "105600"), false, only(cancelled));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.REFUND);
        assertThat(m.code()).isEqualTo(PaymentCode.P12);
        assertThat(m.declaration()).isEqualTo(cancelled);
        assertThat(m.refund()).isEqualByComparingTo("105600");
        assertThat(m.applied()).isZero();
    }

    @Test
    void theSameBankTransactionAgainIsRefusedWhateverItSays() {
        PaymentMatch m = PaymentRules.decide(line(NUMBER, "105600"), true, only(DUE));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.REFUSED);
        assertThat(m.code()).isEqualTo(PaymentCode.P30);
        assertThat(m.posted()).isFalse();
        assertThat(m.applied().add(m.refund()).add(m.suspense())).isZero();
    }

    @Test
    void aCreditInAnotherCurrencyIsRefused() {
        PaymentMatch m = PaymentRules.decide(line("TX1", NUMBER, "80", "USD"), false, only(DUE));
        assertThat(m.outcome()).isEqualTo(PaymentMatch.Outcome.REFUSED);
        assertThat(m.code()).isEqualTo(PaymentCode.P31);
    }

    @Test
    void anAmountThatIsNotAPositiveWholeNumberOfWonIsRefused() {
        for (String amount : new String[]{"0", "-100", "100.50", null}) {
            PaymentMatch m = PaymentRules.decide(line(NUMBER, amount), false, only(DUE));
            assertThat(m.code()).as(amount).isEqualTo(PaymentCode.P32);
        }
        // trailing zeros are still whole won
        assertThat(PaymentRules.decide(line(NUMBER, "105600.00"), false, only(DUE)).outcome())
                .isEqualTo(PaymentMatch.Outcome.EXACT);
    }

    @Test
    void aCreditWithoutTransactionReferenceIsRefused() {
        PaymentMatch m = PaymentRules.decide(line(" ", NUMBER, "105600", "KRW"), false, only(DUE));
        assertThat(m.code()).isEqualTo(PaymentCode.P33);
    }

    @Test
    void aReplacementThatLowersThePaidTaxLeavesACreditBalanceOneThatRaisesItReopens() {
        Receivable paid = DUE.afterPaying(krw("105600"));
        // version 2 assesses 88,000 (80,000 duty + 8,000 VAT): 17,600 paid beyond it
        Receivable lowered = new Receivable("HANBITTRD", "2026-0001", "P001", 2, false, krw("88000"), paid.paid());
        assertThat(lowered.creditBalance()).isEqualByComparingTo("17600");
        assertThat(lowered.open()).isZero();
        // version 3 assesses 121,000: 15,400 open again
        Receivable raised = new Receivable("HANBITTRD", "2026-0001", "P001", 3, false, krw("121000"), paid.paid());
        assertThat(raised.creditBalance()).isZero();
        assertThat(raised.open()).isEqualByComparingTo("15400");
        assertThat(PaymentRules.decide(line(NUMBER, "15400"), false, only(raised)).outcome())
                .isEqualTo(PaymentMatch.Outcome.EXACT);
    }
}
