package org.edibatch.receivables;

import org.edibatch.release.PaymentTerms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receivables as of a date, per importer and in total: tax due, paid, open, and the open amount by how late it
 * is (not due yet, 1-30, 31-90, over 90 days past its due date), with the late-payment charge. A declaration is due
 * by the payment terms after its acceptance; an importer on monthly payment pays the month's declarations by the end
 * of the following month (its monthly statement). The charge is computed per importer and due date on what is unpaid.
 */
public final class Receivables {

    /** One importer's line, or the total (importer "TOTAL"). */
    public record Line(String importerCode, String importerName, boolean monthlyPayment, int declarations,
                       BigDecimal taxDue, BigDecimal paid, BigDecimal open, BigDecimal notDue, BigDecimal late1to30,
                       BigDecimal late31to90, BigDecimal lateOver90, BigDecimal lateCharge) {

        public BigDecimal overdue() {
            return late1to30.add(late31to90).add(lateOver90);
        }
    }

    /** The lines in importer order and their total. */
    public record View(LocalDate asOf, List<Line> lines, Line total) {
    }

    private Receivables() {
    }

    /** When a declaration accepted on {@code accepted} is due. */
    public static LocalDate dueDate(LocalDate accepted, boolean monthlyPayment, PaymentTerms terms) {
        return monthlyPayment ? accepted.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth())
                : terms.dueDate(accepted);
    }

    public static View of(List<ReceivablesRepository.Group> groups, LocalDate asOf, PaymentTerms terms,
                          LateCharge charge) {
        Map<String, Line> lines = new LinkedHashMap<>();
        Line total = empty("TOTAL", null, false);
        for (ReceivablesRepository.Group g : groups) {
            LocalDate due = dueDate(g.accepted(), g.monthlyPayment(), terms);
            long late = LateCharge.daysLate(due, asOf);
            Line add = new Line(g.importerCode(), g.importerName(), g.monthlyPayment(), g.declarations(), g.taxDue(),
                    g.paid(), g.open(), late == 0 ? g.open() : BigDecimal.ZERO,
                    late >= 1 && late <= 30 ? g.open() : BigDecimal.ZERO,
                    late >= 31 && late <= 90 ? g.open() : BigDecimal.ZERO, late > 90 ? g.open() : BigDecimal.ZERO,
                    charge.charge(g.open(), due, asOf));
            Line before = lines.getOrDefault(g.importerCode(), empty(g.importerCode(), g.importerName(),
                    g.monthlyPayment()));
            lines.put(g.importerCode(), sum(before, add));
            total = sum(total, add);
        }
        return new View(asOf, List.copyOf(new ArrayList<>(lines.values())), total);
    }

    private static Line empty(String code, String name, boolean monthly) {
        BigDecimal z = BigDecimal.ZERO;
        return new Line(code, name, monthly, 0, z, z, z, z, z, z, z, z);
    }

    private static Line sum(Line a, Line b) {
        return new Line(a.importerCode(), a.importerName(), a.monthlyPayment(), a.declarations() + b.declarations(),
                a.taxDue().add(b.taxDue()), a.paid().add(b.paid()), a.open().add(b.open()),
                a.notDue().add(b.notDue()), a.late1to30().add(b.late1to30()), a.late31to90().add(b.late31to90()),
                a.lateOver90().add(b.lateOver90()), a.lateCharge().add(b.lateCharge()));
    }
}
