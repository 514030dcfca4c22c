package org.edibatch.ledger;

import org.edibatch.payment.PaymentLine;
import org.edibatch.payment.PaymentMatch;
import org.edibatch.payment.PaymentRules;
import org.edibatch.payment.Receivable;
import org.edibatch.schemas.PaymentNumber;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentPostingsTest {

    private static final LocalDate VALUE = LocalDate.of(2026, 3, 5);
    private static final Receivable DUE = new Receivable("HANBITTRD", "2026-0001", "P001", 1, false,
            new BigDecimal("105600"), BigDecimal.ZERO);

    private static final Receivable OTHER = new Receivable("HANBITTRD", "2026-0002", "P001", 1, false,
            new BigDecimal("105600"), BigDecimal.ZERO);
    private static final Receivable SECOND_IMPORTER = new Receivable("DAEHANTRD", "2026-0100", "P002", 1, false,
            new BigDecimal("80000"), BigDecimal.ZERO);

    private static PaymentPostings.Credit credit(int line, String reference, String amount, Receivable r) {
        PaymentLine l = new PaymentLine(1, line, "TX" + line, reference, new BigDecimal(amount), "KRW", VALUE);
        return new PaymentPostings.Credit(l, PaymentRules.decide(l, false, key -> Optional.ofNullable(r)));
    }

    private static JournalEntry post(PaymentPostings.Credit... credits) {
        return PaymentPostings.forAdvice("HANGUKBANK", "P009", 42, 3, "ADV-77", VALUE, List.of(credits));
    }

    @Test
    void anExactPaymentDebitsBankClearingAndCreditsTheImportersReceivable() {
        JournalEntry e = post(credit(1, PaymentNumber.of(42, 3), "105600", DUE));
        assertThat(e.idempotencyKey()).isEqualTo("PAY:HANGUKBANK:42/3:2026-03-05");
        assertThat(e.sourceRef()).isEqualTo("HANGUKBANK/ADV-77");
        assertThat(e.entryDate()).isEqualTo(VALUE);
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("105600")),
                JournalLine.credit("1100", "P001", new BigDecimal("105600")));
    }

    @Test
    void anOverpaymentSplitsBetweenReceivableAndRefunds() {
        JournalEntry e = post(credit(1, PaymentNumber.of(42, 3), "110000", DUE));
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("110000")),
                JournalLine.credit("1100", "P001", new BigDecimal("105600")),
                JournalLine.credit("2150", "P001", new BigDecimal("4400")));
    }

    @Test
    void anUnidentifiedPaymentWaitsInSuspenseOnTheBanksLine() {
        JournalEntry e = post(credit(1, "NOT-A-NUMBER", "50000", null));
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("50000")),
                JournalLine.credit("2900", "P009", new BigDecimal("50000")));
    }

    @Test
    void anAdvicesCreditsAreOneEntrySummedPerAccountAndImporter() {
        // 105,600 exact (P001) + 30,000 of 80,000 (P002) + 110,000 on 105,600 (P001) + 50,000 unidentified
        JournalEntry e = post(credit(1, PaymentNumber.of(42, 3), "105600", DUE),
                credit(2, PaymentNumber.of(42, 4), "30000", SECOND_IMPORTER),
                credit(3, PaymentNumber.of(42, 5), "110000", OTHER),
                credit(4, "NOT-A-NUMBER", "50000", null));
        assertThat(e.description()).isEqualTo("Bank HANGUKBANK advice ADV-77: 4 credit(s) valued 2026-03-05");
        assertThat(e.lines()).containsExactly(
                JournalLine.debit("1010", "P009", new BigDecimal("295600")),
                JournalLine.credit("1100", "P001", new BigDecimal("211200")),
                JournalLine.credit("1100", "P002", new BigDecimal("30000")),
                JournalLine.credit("2150", "P001", new BigDecimal("4400")),
                JournalLine.credit("2900", "P009", new BigDecimal("50000")));
    }

    @Test
    void aRefusedLineIsNeverPosted() {
        PaymentLine line = new PaymentLine(1, 1, "TX77", PaymentNumber.of(42, 3), new BigDecimal("80"), "USD", VALUE);
        PaymentMatch m = PaymentRules.decide(line, false, key -> Optional.of(DUE));
        assertThatThrownBy(() -> post(new PaymentPostings.Credit(line, m)))
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
