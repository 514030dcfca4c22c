package org.edibatch.procurement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The dated lower-limit rate table: a band covers min &lt;= amount &lt; max, for notices issued valid_from..valid_to. */
public record LowerLimitRates(List<Row> rows) {

    public record Row(String kind, BigDecimal minAmount, BigDecimal maxAmount, LocalDate validFrom, LocalDate validTo,
                      BigDecimal ratePct) {
    }

    public LowerLimitRates {
        rows = List.copyOf(rows);
    }

    public Optional<BigDecimal> rate(String kind, BigDecimal baseAmount, LocalDate issueDate) {
        return rows.stream()
                .filter(r -> r.kind().equals(kind))
                .filter(r -> r.minAmount().compareTo(baseAmount) <= 0 && baseAmount.compareTo(r.maxAmount()) < 0)
                .filter(r -> !issueDate.isBefore(r.validFrom()) && !issueDate.isAfter(r.validTo()))
                .map(Row::ratePct)
                .findFirst();
    }
}
