package org.edibatch.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The dated payment terms (reference data {@code payment-terms.csv}): an accepted import's tax is due a number of days
 * after its acceptance date, by the rule valid on that date. The acceptance date is the date its file was received, in
 * the office's zone: fixed when the file is claimed, so a resumed or repeated answer names the same due date.
 */
public final class PaymentTerms {

    /** One dated row: from and to inclusive. */
    public record Term(LocalDate validFrom, LocalDate validTo, int daysAfterAcceptance) {
    }

    private final List<Term> terms;

    public PaymentTerms(List<Term> terms) {
        this.terms = List.copyOf(new ArrayList<>(terms));
    }

    /**
     * The due date of tax accepted on {@code acceptanceDate}.
     *
     * @throws IllegalStateException when no row covers the date: a gap in the reference data is a fault to fix,
     *                               never a due date to guess
     */
    public LocalDate dueDate(LocalDate acceptanceDate) {
        for (Term t : terms) {
            if (!acceptanceDate.isBefore(t.validFrom()) && !acceptanceDate.isAfter(t.validTo())) {
                return acceptanceDate.plusDays(t.daysAfterAcceptance());
            }
        }
        throw new IllegalStateException("no payment terms in reference data for acceptance date " + acceptanceDate);
    }
}
