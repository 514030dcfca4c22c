package org.edibatch.ledger;

import java.math.BigDecimal;

/** One side of a posting: exactly one of debit and credit is positive. */
public record JournalLine(String accountCode, String partyId, BigDecimal debit, BigDecimal credit) {

    public JournalLine {
        if (debit.signum() < 0 || credit.signum() < 0 || (debit.signum() == 0) == (credit.signum() == 0)) {
            throw new IllegalArgumentException("a line is either a positive debit or a positive credit");
        }
    }

    public static JournalLine debit(String account, String party, BigDecimal amount) {
        return new JournalLine(account, party, amount, BigDecimal.ZERO);
    }

    public static JournalLine credit(String account, String party, BigDecimal amount) {
        return new JournalLine(account, party, BigDecimal.ZERO, amount);
    }
}
