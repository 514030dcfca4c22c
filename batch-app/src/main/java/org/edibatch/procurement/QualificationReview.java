package org.edibatch.procurement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Qualification review (적격심사): the score of a candidate is its vendor's non-price points plus price points
 * by the dated rule of the tender's kind and amount, price points = points - slope x |target - ratio x 100|,
 * never below zero, ratio = price / reserve rounded half-up to 4 decimals (the published criteria round the
 * ratio, not the points, so every later step is exact). The candidate passes when the score reaches the pass mark.
 */
public final class QualificationReview {

    /** One dated rule of reference/qualification-rules.csv. */
    public record Rule(String kind, BigDecimal minAmount, BigDecimal maxAmount, LocalDate validFrom, LocalDate validTo,
                       BigDecimal pricePoints, BigDecimal slope, BigDecimal targetRatioPct, BigDecimal passMark) {
    }

    /** The rule applying to a tender and the non-price points of the vendors, both as of its issue date. */
    public record Criteria(Rule rule, Map<String, BigDecimal> nonPricePoints) {

        public Criteria {
            nonPricePoints = Map.copyOf(nonPricePoints);
        }

        /** A vendor without points for the tender's kind on its issue date has none. */
        public BigDecimal nonPrice(String vendorId) {
            return nonPricePoints.getOrDefault(vendorId, BigDecimal.ZERO);
        }
    }

    /** @param ratio price / reserve, 4 decimals */
    public record Score(BigDecimal ratio, BigDecimal nonPricePoints, BigDecimal pricePoints, BigDecimal total,
                        boolean passed) {
    }

    private QualificationReview() {
    }

    /** The rule for a kind and base amount (min &lt;= amount &lt; max) on the notice's issue date. */
    public static Optional<Rule> rule(List<Rule> rules, String kind, BigDecimal baseAmount, LocalDate issueDate) {
        return rules.stream()
                .filter(r -> r.kind().equals(kind))
                .filter(r -> r.minAmount().compareTo(baseAmount) <= 0 && baseAmount.compareTo(r.maxAmount()) < 0)
                .filter(r -> !issueDate.isBefore(r.validFrom()) && !issueDate.isAfter(r.validTo()))
                .findFirst();
    }

    public static BigDecimal ratio(BigDecimal price, BigDecimal reserve) {
        return price.divide(reserve, 4, RoundingMode.HALF_UP);
    }

    public static Score score(Rule rule, BigDecimal nonPricePoints, BigDecimal price, BigDecimal reserve) {
        BigDecimal ratio = ratio(price, reserve);
        BigDecimal distance = rule.targetRatioPct().subtract(ratio.movePointRight(2)).abs();
        BigDecimal points = rule.pricePoints().subtract(rule.slope().multiply(distance)).max(BigDecimal.ZERO);
        BigDecimal total = nonPricePoints.add(points);
        return new Score(ratio, nonPricePoints, points, total, total.compareTo(rule.passMark()) >= 0);
    }
}
