package org.edibatch.customs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reference data held in maps, for rule tests that need no database. */
class StubReference implements ReferenceData {
    final Map<String, TariffLine> tariff = new HashMap<>();
    final Map<String, BigDecimal> rates = new HashMap<>();
    final Map<String, Party> parties = new HashMap<>();
    final Map<String, BigDecimal> refPrices = new HashMap<>();
    List<SelectivityRule> rules = List.of();

    StubReference tariff(String hs, String ratePercent) {
        tariff.put(hs, new TariffLine(hs, new BigDecimal(ratePercent), "PCE", hs));
        return this;
    }

    StubReference rate(String currency, String krw) {
        rates.put(currency, new BigDecimal(krw));
        return this;
    }

    StubReference importer(String code, boolean poorHistory) {
        parties.put(code, new Party("P-" + code, "IMPORTER", code, "1234567890", code, "EDI" + code, poorHistory, "ACTIVE"));
        return this;
    }

    @Override
    public Optional<TariffLine> tariff(String hsCode, LocalDate on) {
        return Optional.ofNullable(tariff.get(hsCode));
    }

    @Override
    public Optional<BigDecimal> exchangeRate(String currency, LocalDate on) {
        return Optional.ofNullable(rates.get(currency));
    }

    @Override
    public Optional<Party> partyByCustomsCode(String customsCode) {
        return Optional.ofNullable(parties.get(customsCode));
    }

    @Override
    public Optional<Party> partyByEdiId(String ediId) {
        return parties.values().stream().filter(p -> p.ediId().equals(ediId)).findFirst();
    }

    @Override
    public Optional<BigDecimal> referenceUnitValue(String hsCode, LocalDate on) {
        return Optional.ofNullable(refPrices.get(hsCode));
    }

    @Override
    public List<SelectivityRule> selectivityRules(LocalDate on) {
        return rules;
    }
}
