package org.edibatch.xml;

import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.DeclarationChecks;
import org.edibatch.customs.ReferenceData;
import org.edibatch.customs.SelectivityEngine;
import org.edibatch.customs.TaxCalculator;
import org.edibatch.schemas.ReferenceFiles;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shipped reference CSVs read straight from edi-schemas, so the rules run here without a database. */
public final class CsvReference implements ReferenceData {

    private final List<Map<String, String>> tariff = ReferenceFiles.load("tariff").rows();
    private final List<Map<String, String>> rates = ReferenceFiles.load("exchange-rates").rows();
    private final List<Map<String, String>> parties = ReferenceFiles.load("parties").rows();
    private final List<Map<String, String>> prices = ReferenceFiles.load("reference-prices").rows();
    private final List<Map<String, String>> rules = ReferenceFiles.load("selectivity-rules").rows();

    /** The rules as the job configures them by default (README: rounding DOWN, VAT 10 %, seed, thresholds). */
    static CustomsRules defaultRules() {
        CsvReference ref = new CsvReference();
        return new CustomsRules(new DeclarationChecks(ref), new TaxCalculator(ref, RoundingMode.DOWN, BigDecimal.TEN),
                new SelectivityEngine(ref, new SelectivityEngine.Settings(40, 70, 20261128L, new BigDecimal("3"))));
    }

    private static boolean covers(Map<String, String> row, String from, String to, LocalDate on) {
        return !on.isBefore(LocalDate.parse(row.get(from))) && !on.isAfter(LocalDate.parse(row.get(to)));
    }

    @Override
    public Optional<TariffLine> tariff(String hsCode, LocalDate on) {
        return tariff.stream().filter(r -> r.get("hs_code").equals(hsCode) && covers(r, "valid_from", "valid_to", on))
                .findFirst().map(r -> new TariffLine(hsCode, new BigDecimal(r.get("duty_rate_pct")), r.get("unit"),
                        r.get("description")));
    }

    @Override
    public Optional<BigDecimal> exchangeRate(String currency, LocalDate on) {
        return rates.stream().filter(r -> r.get("currency").equals(currency) && covers(r, "week_start", "week_end", on))
                .findFirst().map(r -> new BigDecimal(r.get("rate_krw")));
    }

    @Override
    public Optional<Party> partyByCustomsCode(String customsCode) {
        return parties.stream().filter(r -> r.get("customs_code").equals(customsCode)).findFirst().map(CsvReference::party);
    }

    @Override
    public Optional<Party> partyByEdiId(String ediId) {
        return parties.stream().filter(r -> r.get("edi_id").equals(ediId)).findFirst().map(CsvReference::party);
    }

    private static Party party(Map<String, String> r) {
        return new Party(r.get("party_id"), r.get("role"), r.get("name"), r.get("brn"), r.get("customs_code"),
                r.get("edi_id"), "Y".equals(r.get("poor_history")), r.get("status"));
    }

    @Override
    public Optional<BigDecimal> referenceUnitValue(String hsCode, LocalDate on) {
        return prices.stream().filter(r -> r.get("hs_code").equals(hsCode) && covers(r, "valid_from", "valid_to", on))
                .findFirst().map(r -> new BigDecimal(r.get("ref_unit_value_krw")));
    }

    @Override
    public List<SelectivityRule> selectivityRules(LocalDate on) {
        return rules.stream().filter(r -> covers(r, "valid_from", "valid_to", on))
                .map(r -> new SelectivityRule(r.get("rule_id"), r.get("kind"), r.get("value"),
                        Integer.parseInt(r.get("score")), r.get("description"))).toList();
    }
}
