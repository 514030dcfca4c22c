package org.edibatch.customs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The dated reference tables the customs rules read. Implementations must be safe to share across threads. */
public interface ReferenceData {

    record TariffLine(String hsCode, BigDecimal dutyRatePercent, String unit, String description) {
    }

    record Party(String partyId, String role, String name, String brn, String customsCode, String ediId,
                 boolean poorHistory, String status) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    record SelectivityRule(String ruleId, String kind, String value, int score, String description) {
    }

    Optional<TariffLine> tariff(String hsCode, LocalDate on);

    /** KRW per unit of the currency, from the weekly table row whose Sunday-to-Saturday week holds {@code on}. */
    Optional<BigDecimal> exchangeRate(String currency, LocalDate on);

    Optional<Party> partyByCustomsCode(String customsCode);

    Optional<Party> partyByEdiId(String ediId);

    Optional<BigDecimal> referenceUnitValue(String hsCode, LocalDate on);

    List<SelectivityRule> selectivityRules(LocalDate on);
}
