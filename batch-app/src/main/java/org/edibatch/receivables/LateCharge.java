package org.edibatch.receivables;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The late-payment charge on tax unpaid at its due date (reference data {@code late-payment-rates.csv}): once_pct of
 * the unpaid tax, plus daily_pct of it per day late, by the rate row valid on the due date; the due date itself is not
 * late. Truncated to whole won, as the tax itself.
 */
public final class LateCharge {

    /** One dated rate row, in percent. */
    public record Rate(LocalDate validFrom, LocalDate validTo, BigDecimal oncePct, BigDecimal dailyPct) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<Rate> rates;

    public LateCharge(List<Rate> rates) {
        this.rates = List.copyOf(rates);
    }

    /** Days from the due date to {@code asOf}; 0 when not late. */
    public static long daysLate(LocalDate dueDate, LocalDate asOf) {
        return Math.max(0, ChronoUnit.DAYS.between(dueDate, asOf));
    }

    /**
     * The charge on {@code unpaid} due on {@code dueDate}, as of {@code asOf}.
     *
     * @throws IllegalStateException when tax is late and no rate row covers its due date: a gap in the reference data
     *                               is a fault to fix, never a rate to guess
     */
    public BigDecimal charge(BigDecimal unpaid, LocalDate dueDate, LocalDate asOf) {
        long days = daysLate(dueDate, asOf);
        if (days == 0 || unpaid.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        Rate r = rate(dueDate);
        BigDecimal pct = r.oncePct().add(r.dailyPct().multiply(BigDecimal.valueOf(days)));
        return unpaid.multiply(pct).divide(HUNDRED, 0, RoundingMode.DOWN);
    }

    private Rate rate(LocalDate dueDate) {
        for (Rate r : rates) {
            if (!dueDate.isBefore(r.validFrom()) && !dueDate.isAfter(r.validTo())) {
                return r;
            }
        }
        throw new IllegalStateException("no late-payment rate in reference data for due date " + dueDate);
    }
}
