package org.edibatch.receivables;

import org.edibatch.release.PaymentTerms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ageing and late charge by hand, as of 2027-01-31, terms 15 days, 3 % + 0.022 % a day. HANBIT: accepted 2026-11-28
 * (due 12-13, 49 days late), 2027-01-10 (due 01-25, 6 days late) and 2027-01-20 (due 02-04, not due); HANUL, on
 * monthly payment: accepted 2026-11-28, due at the end of December (31 days late).
 */
class ReceivablesTest {

    private static final PaymentTerms TERMS = new PaymentTerms(List.of(
            new PaymentTerms.Term(LocalDate.of(2000, 1, 1), LocalDate.of(9999, 12, 31), 15)));
    private static final LateCharge CHARGE = new LateCharge(List.of(new LateCharge.Rate(LocalDate.of(2020, 1, 1),
            LocalDate.of(9999, 12, 31), new BigDecimal("3"), new BigDecimal("0.022"))));

    private static ReceivablesRepository.Group g(String importer, boolean monthly, String accepted, int n, long tax,
                                                 long paid) {
        return new ReceivablesRepository.Group(importer, importer + " CO", monthly, LocalDate.parse(accepted), n,
                BigDecimal.valueOf(tax), BigDecimal.valueOf(paid), BigDecimal.valueOf(tax - paid),
                BigDecimal.valueOf(Math.max(paid - tax, 0)));
    }

    @Test
    void perImporterAndInTotal() {
        Receivables.View v = Receivables.of(List.of(
                g("HANBIT001234", false, "2026-11-28", 2, 373818, 33983),   // 339,835 open, 49 days late
                g("HANBIT001234", false, "2027-01-10", 1, 100000, 0),       // 6 days late
                g("HANBIT001234", false, "2027-01-20", 1, 50000, 50000),    // paid, not due
                g("HANULM000777", true, "2026-11-28", 1, 200000, 0)),       // due 2026-12-31: 31 days late
                LocalDate.of(2027, 1, 31), TERMS, CHARGE);

        Receivables.Line hanbit = v.lines().get(0);
        assertThat(hanbit.importerCode()).isEqualTo("HANBIT001234");
        assertThat(hanbit.declarations()).isEqualTo(4);
        assertThat(hanbit.taxDue()).isEqualByComparingTo("523818");
        assertThat(hanbit.paid()).isEqualByComparingTo("83983");
        assertThat(hanbit.open()).isEqualByComparingTo("439835");
        assertThat(hanbit.notDue()).isEqualByComparingTo("0");
        assertThat(hanbit.late1to30()).isEqualByComparingTo("100000");
        assertThat(hanbit.late31to90()).isEqualByComparingTo("339835");
        assertThat(hanbit.lateOver90()).isEqualByComparingTo("0");
        // 339,835 x (3 % + 49 x 0.022 %) = 10,195.05 + 3,663.4213 = 13,858.4713 -> 13,858
        // 100,000 x (3 % + 6 x 0.022 %) = 3,000 + 132 = 3,132
        assertThat(hanbit.lateCharge()).isEqualByComparingTo("16990");

        Receivables.Line hanul = v.lines().get(1);
        assertThat(hanul.monthlyPayment()).isTrue();
        assertThat(hanul.late31to90()).isEqualByComparingTo("200000");
        // 200,000 x (3 % + 31 x 0.022 %) = 6,000 + 1,364 = 7,364
        assertThat(hanul.lateCharge()).isEqualByComparingTo("7364");

        assertThat(v.total().open()).isEqualByComparingTo("639835");
        assertThat(v.total().overdue()).isEqualByComparingTo("639835");
        assertThat(v.total().lateCharge()).isEqualByComparingTo("24354");
    }

    @Test
    void ageingBucketsAtTheirEdges() {
        LocalDate accepted = LocalDate.of(2027, 1, 1); // due 2027-01-16
        for (Object[] c : new Object[][]{{"2027-01-16", "notDue"}, {"2027-01-17", "1-30"}, {"2027-02-15", "1-30"},
                {"2027-02-16", "31-90"}, {"2027-04-16", "31-90"}, {"2027-04-17", ">90"}}) {
            Receivables.Line l = Receivables.of(List.of(g("X", false, accepted.toString(), 1, 1000, 0)),
                    LocalDate.parse((String) c[0]), TERMS, CHARGE).total();
            String bucket = l.notDue().signum() > 0 ? "notDue" : l.late1to30().signum() > 0 ? "1-30"
                    : l.late31to90().signum() > 0 ? "31-90" : ">90";
            assertThat(bucket).as("as of %s", c[0]).isEqualTo(c[1]);
        }
    }
}
