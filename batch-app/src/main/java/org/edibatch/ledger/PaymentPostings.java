package org.edibatch.ledger;

import org.edibatch.payment.PaymentLine;
import org.edibatch.payment.PaymentMatch;
import org.edibatch.payment.Receivable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Duty collections (DOMAIN.md section 4): a bank's credit and the credit balances moved to refunds payable. */
public final class PaymentPostings {

    public static final String BANK_CLEARING = "1010";
    public static final String REFUNDS_PAYABLE = "2150";
    public static final String SUSPENSE = "2900";
    public static final String LEDGER = "CUSTOMS";

    private PaymentPostings() {
    }

    /**
     * A posted credit line: Dr bank clearing the whole amount; Cr the declaration's receivable what it settles, Cr
     * refunds payable any excess, Cr suspense what could not be matched. An entry touching a declaration carries
     * its source reference; a suspense entry the bank's.
     *
     * @param bankPartyId the bank's party id, on the clearing line
     */
    public static JournalEntry forPayment(String bankSender, String bankPartyId, PaymentLine line, PaymentMatch m) {
        if (!m.posted()) {
            throw new IllegalArgumentException("a refused line is not posted");
        }
        Receivable r = m.declaration();
        String importer = r == null ? null : r.importerPartyId();
        List<JournalLine> lines = new ArrayList<>(3);
        lines.add(JournalLine.debit(BANK_CLEARING, bankPartyId, line.amount()));
        if (m.applied().signum() > 0) {
            lines.add(JournalLine.credit(CustomsPostings.DUTY_RECEIVABLE, importer, m.applied()));
        }
        if (m.refund().signum() > 0) {
            lines.add(JournalLine.credit(REFUNDS_PAYABLE, importer, m.refund()));
        }
        if (m.suspense().signum() > 0) {
            lines.add(JournalLine.credit(SUSPENSE, bankPartyId, m.suspense()));
        }
        String what = r == null ? "unidentified payment " + printable(line.paymentReference())
                : "payment of declaration " + r.declarationNo();
        return new JournalEntry(paymentKey(bankSender, line.transactionRef()), LEDGER, line.valueDate(),
                "Bank " + bankSender + " credit " + line.transactionRef() + ": " + what
                        + (m.code() == null ? "" : " (" + m.code().code() + ")"),
                r == null ? bankSender + "/" + line.transactionRef() : r.sourceRef(), lines);
    }

    /**
     * The credit balance of a declaration whose current version owes less than was paid, moved from its
     * receivable to refunds payable: Dr 1100 / Cr 2150, once per version.
     */
    public static JournalEntry forRefund(Receivable r, BigDecimal amount, LocalDate date) {
        return new JournalEntry(refundKey(r.sender(), r.declarationNo(), r.version()), LEDGER, date,
                "Declaration " + r.declarationNo() + " version " + r.version() + (r.cancelled() ? " (cancelled)" : "")
                        + ": paid beyond the tax due, to refund",
                r.sourceRef(), List.of(JournalLine.debit(CustomsPostings.DUTY_RECEIVABLE, r.importerPartyId(), amount),
                        JournalLine.credit(REFUNDS_PAYABLE, r.importerPartyId(), amount)));
    }

    public static String paymentKey(String bankSender, String transactionRef) {
        return "PAY:" + bankSender + ":" + transactionRef;
    }

    public static String refundKey(String sender, String declarationNo, int version) {
        return "REFUND:" + sender + ":" + declarationNo + ":v" + version;
    }

    /** A bank's reference is shown as sent, within bounds (it may be anything). */
    private static String printable(String reference) {
        if (reference == null) {
            return "(none)";
        }
        return reference.length() > 40 ? reference.substring(0, 40) + "..." : reference;
    }
}
