package org.edibatch.ledger;

import org.edibatch.payment.PaymentLine;
import org.edibatch.payment.PaymentMatch;
import org.edibatch.payment.Receivable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Duty collections (DOMAIN.md section 4): a bank's credit and the credit balances moved to refunds payable. */
public final class PaymentPostings {

    public static final String BANK_CLEARING = "1010";
    public static final String REFUNDS_PAYABLE = "2150";
    public static final String SUSPENSE = "2900";
    public static final String LEDGER = "CUSTOMS";

    private PaymentPostings() {
    }

    /** A posted credit of an advice: the line as read and what the matching made of it. */
    public record Credit(PaymentLine line, PaymentMatch match) {
    }

    /**
     * The posted credits of one advice with one value date, as one entry, the way the bank booked them: Dr bank
     * clearing their total; Cr each importer's receivable what its credits settle, Cr refunds payable each importer's
     * excess, Cr suspense what could not be matched. Which declaration each credit settled is the subledger's
     * ({@code payment_line}, carrying this entry's key): an entry per credit would make a million entries of a
     * million credits, most of a night's ledger work (docs/PAYMENTS.md).
     *
     * @param bankPartyId the bank's party id, on the clearing and suspense lines
     * @param messageRef  the advice's reference as the bank sent it (CREMUL BGM, camt.054 Ntfctn/Id)
     */
    public static JournalEntry forAdvice(String bankSender, String bankPartyId, long fileId, int messageIndex,
                                         String messageRef, LocalDate valueDate, List<Credit> credits) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal suspense = BigDecimal.ZERO;
        Map<String, BigDecimal> applied = new LinkedHashMap<>();
        Map<String, BigDecimal> refunds = new LinkedHashMap<>();
        for (Credit c : credits) {
            PaymentMatch m = c.match();
            if (!m.posted()) {
                throw new IllegalArgumentException("a refused line is not posted");
            }
            String importer = m.declaration() == null ? null : m.declaration().importerPartyId();
            total = total.add(c.line().amount());
            suspense = suspense.add(m.suspense());
            if (m.applied().signum() > 0) {
                applied.merge(importer, m.applied(), BigDecimal::add);
            }
            if (m.refund().signum() > 0) {
                refunds.merge(importer, m.refund(), BigDecimal::add);
            }
        }
        List<JournalLine> lines = new ArrayList<>(2 + applied.size() + refunds.size());
        lines.add(JournalLine.debit(BANK_CLEARING, bankPartyId, total));
        applied.forEach((party, amount) -> lines.add(JournalLine.credit(CustomsPostings.DUTY_RECEIVABLE, party, amount)));
        refunds.forEach((party, amount) -> lines.add(JournalLine.credit(REFUNDS_PAYABLE, party, amount)));
        if (suspense.signum() > 0) {
            lines.add(JournalLine.credit(SUSPENSE, bankPartyId, suspense));
        }
        return new JournalEntry(adviceKey(bankSender, fileId, messageIndex, valueDate), LEDGER, valueDate,
                "Bank " + bankSender + " advice " + printable(messageRef) + ": " + credits.size() + " credit(s) valued "
                        + valueDate, bankSender + "/" + printable(messageRef), lines);
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

    /** The key of an advice's entry of one value date: the message as claimed (its file's id and position). */
    public static String adviceKey(String bankSender, long fileId, int messageIndex, LocalDate valueDate) {
        return "PAY:" + bankSender + ":" + fileId + "/" + messageIndex + ":" + valueDate;
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
