package org.edibatch.release;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly statement of an importer on monthly payment: the declarations whose current version was accepted in
 * the month, each with its duty and VAT, all due at the end of the following month, the month the statement is
 * issued in (by the first run after the month ended). A simple document: UTF-8 CSV with a header block, one line per
 * declaration, in sender and number order (docs/RELEASE.md).
 */
public record MonthlyStatement(String importerCode, String importerName, String partyId, String ediId,
                               YearMonth month, List<Line> lines) {

    /** One declaration of the month. */
    public record Line(String sender, String declarationNo, String acceptanceNo, LocalDate accepted,
                       String paymentNumber, BigDecimal duty, BigDecimal vat) {

        public BigDecimal tax() {
            return duty.add(vat);
        }
    }

    /** The months a run bills: every month before the run date's month. */
    public static boolean billable(YearMonth month, LocalDate runDate) {
        return month.isBefore(YearMonth.from(runDate));
    }

    public LocalDate dueDate() {
        return month.plusMonths(1).atEndOfMonth();
    }

    public BigDecimal totalTax() {
        BigDecimal t = BigDecimal.ZERO;
        for (Line l : lines) {
            t = t.add(l.tax());
        }
        return t;
    }

    /** The document's bytes: the same for the same declarations, so a rewrite after a restart is the same file. */
    public byte[] document() {
        List<String> out = new ArrayList<>();
        out.add("# Monthly statement of customs duty and VAT (monthly payment)");
        out.add("importer," + csv(importerCode) + "," + csv(importerName));
        out.add("month," + month);
        out.add("due_date," + dueDate());
        out.add("declarations," + lines.size());
        out.add("total_tax_krw," + totalTax().toPlainString());
        out.add("sender,declaration_no,acceptance_no,accepted,payment_number,duty_krw,vat_krw,tax_krw");
        for (Line l : lines) {
            out.add(csv(l.sender()) + "," + csv(l.declarationNo()) + "," + csv(l.acceptanceNo()) + "," + l.accepted()
                    + "," + l.paymentNumber() + "," + l.duty().toPlainString() + "," + l.vat().toPlainString() + ","
                    + l.tax().toPlainString());
        }
        return (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A sender's value quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
