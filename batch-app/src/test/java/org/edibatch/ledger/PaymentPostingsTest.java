package org.edibatch.ledger;

import org.edibatch.payment.PaymentLine;
import org.edibatch.payment.PaymentMatch;
import org.edibatch.payment.PaymentRules;
import org.edibatch.payment.Receivable;
import org.edibatch.schemas.PaymentNumber;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentPostingsTest {

    private static final LocalDate VALUE = LocalDate.of(2026, 3, 5);
    private static final Receivable DUE = new Receivable("HANBITTRD", "2026-0001", "P001", 1, false,
            new BigDecimal("105600"), BigDecimal.ZERO);

    private static JournalEntry post(String reference, String amount, Receivable r) {
        PaymentLine line = new PaymentLine(1, 1, "TX77", reference, new BigDecimal(amount), "KRW", VALUE);
        PaymentMatch m = PaymentRules.decide(line, false, key -> Optional.ofNullable(r));
        return PaymentPostings.forPayment("HANGUKBANK", "P009", line, m);
    }

    @Test
    void anExactPaymentDebitsBankClearingAndCreditsTheImportersReceivable() {
        JournalEntry e = post(PaymentNumber.of(42, 3), "105600", DUE);
        assertThat(e.idempotencyKey()).isEqualTo("PAY:HANGUKBANK:TX77");
        assertThat(e.sourceRef()).isEqualTo("HANBITTRD/2026-0001");
        assertThat(e.entryDate()).isEqualTo(VALUE);
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("105600")),
                JournalLine.credit("1100", "P001", new BigDecimal("105600")));
    }

    @Test
    void anOverpaymentSplitsBetweenReceivableAndRefunds() {
        JournalEntry e = post(PaymentNumber.of(42, 3), "110000", DUE);
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("110000")),
                JournalLine.credit("1100", "P001", new BigDecimal("105600")),
                JournalLine.credit("2150", "P001", new BigDecimal("4400")));
    }

    @Test
    void anUnidentifiedPaymentWaitsInSuspenseUnderTheBanksReference() {
        JournalEntry e = post("NOT-A-NUMBER", "50000", null);
        assertThat(e.sourceRef()).isEqualTo("HANGUKBANK/TX77");
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("50000")),
                JournalLine.credit("2900", "P009", new BigDecimal("50000")));
    }

    @Test
    void aRefusedLineIsNeverPosted() {
        PaymentLine line = new PaymentLine(1, 1, "TX77", PaymentNumber.of(42, 3), new BigDecimal("80"), "USD", VALUE);
        PaymentMatch m = PaymentRules.decide(line, false, key -> Optional.of(DUE));
        assertThatThrownBy(() -> PaymentPostings.forPayment("HANGUKBANK", "P009", line, m))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCreditBalanceMovesFromTheReceivableToRefundsOncePerVersion() {
        Receivable lowered = new Receivable("HANBITTRD", "2026-0001", "P001", 2, false, new BigDecimal("88000"),
                new BigDecimal("105600"));
        JournalEntry e = PaymentPostings.forRefund(lowered, lowered.creditBalance(), VALUE);
        assertThat(e.idempotencyKey()).isEqualTo("REFUND:HANBITTRD:2026-0001:v2");
        assertThat(e.sourceRef()).isEqualTo("HANBITTRD/2026-0001");
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1100", "P001", new BigDecimal("17600")),
                JournalLine.credit("2150", "P001", new BigDecimal("17600")));
    }
}
