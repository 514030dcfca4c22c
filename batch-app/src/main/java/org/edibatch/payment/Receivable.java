package org.edibatch.payment;

import java.math.BigDecimal;

/**
 * What a declaration owes as payments see it: its current version's tax, what payments have settled of it so far
 * and whether it was cancelled. Named by its sender and number (the identity a replacement keeps).
 *
 * @param importerPartyId the party whose receivable the payments credit (null when the importer is not registered)
 * @param taxDue          the current version's duty + VAT (0 when cancelled)
 * @param paid            payments applied to the receivable, less credit balances moved to refunds
 */
public record Receivable(String sender, String declarationNo, String importerPartyId, int version, boolean cancelled,
                         BigDecimal taxDue, BigDecimal paid) {

    /** What is still to pay, never below zero. */
    public BigDecimal open() {
        BigDecimal open = taxDue.subtract(paid);
        return open.signum() < 0 ? BigDecimal.ZERO : open;
    }

    /** Paid beyond the tax due (after a replacement lowered it): the credit balance to move to refunds payable. */
    public BigDecimal creditBalance() {
        BigDecimal over = paid.subtract(taxDue);
        return over.signum() > 0 ? over : BigDecimal.ZERO;
    }

    /** This receivable after {@code applied} more was paid on it. */
    public Receivable afterPaying(BigDecimal applied) {
        return new Receivable(sender, declarationNo, importerPartyId, version, cancelled, taxDue, paid.add(applied));
    }

    /** The ledger's source reference of every entry touching this declaration's receivable. */
    public String sourceRef() {
        return sender + "/" + declarationNo;
    }
}
