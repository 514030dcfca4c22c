package org.edibatch.refdata;

import org.edibatch.customs.ReferenceData;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable in-memory copy of the reference tables, read once per step: the tables are small, and a
 * database round trip per declaration would cap the run at the database's latency. Its lookups are loops, not
 * streams: they run per declaration beside StAEDI's parse, whose JIT profiles they would spoil
 * (MessagePathStreamsTest).
 */
public class ReferenceSnapshot implements ReferenceData {

    private record Dated<T>(LocalDate from, LocalDate to, T value) {
        boolean covers(LocalDate d) {
            return !d.isBefore(from) && !d.isAfter(to);
        }
    }

    private final Map<String, List<Dated<TariffLine>>> tariff = new HashMap<>();
    private final Map<String, List<Dated<BigDecimal>>> rates = new HashMap<>();
    private final Map<String, List<Dated<BigDecimal>>> referencePrices = new HashMap<>();
    private final List<Dated<SelectivityRule>> rules = new ArrayList<>();
    private final Map<String, Party> byCustomsCode = new HashMap<>();
    private final Map<String, Party> byEdiId = new HashMap<>();
    private final Map<String, Party> byBrn = new HashMap<>();

    public static ReferenceSnapshot read(JdbcTemplate jdbc) {
        ReferenceSnapshot s = new ReferenceSnapshot();
        jdbc.query("SELECT hs_code, valid_from, valid_to, duty_rate_pct, unit, description FROM ref_tariff", rs -> {
            s.tariff.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Dated<>(
                    rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(),
                    new TariffLine(rs.getString(1), rs.getBigDecimal(4), rs.getString(5), rs.getString(6))));
        });
        jdbc.query("SELECT currency, week_start, week_end, rate_krw FROM ref_exchange_rate", rs -> {
            s.rates.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Dated<>(
                    rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4)));
        });
        jdbc.query("SELECT hs_code, valid_from, valid_to, ref_unit_value_krw FROM ref_reference_price", rs -> {
            s.referencePrices.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Dated<>(
                    rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4)));
        });
        jdbc.query("SELECT rule_id, valid_from, valid_to, kind, value, score, description FROM ref_selectivity_rule ORDER BY rule_id", rs -> {
            s.rules.add(new Dated<>(rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(),
                    new SelectivityRule(rs.getString(1), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7))));
        });
        jdbc.query("SELECT party_id, role, name, brn, customs_code, edi_id, poor_history, status FROM ref_party", rs -> {
            Party p = new Party(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getBoolean(7), rs.getString(8));
            s.byCustomsCode.put(p.customsCode(), p);
            s.byEdiId.put(p.ediId(), p);
            s.byBrn.putIfAbsent(p.brn(), p);
        });
        return s;
    }

    /** The dated payment terms (reference data set payment-terms). */
    public static org.edibatch.release.PaymentTerms paymentTerms(JdbcTemplate jdbc) {
        return new org.edibatch.release.PaymentTerms(jdbc.query(
                "SELECT valid_from, valid_to, days_after_acceptance FROM ref_payment_terms ORDER BY valid_from",
                (rs, n) -> new org.edibatch.release.PaymentTerms.Term(rs.getDate(1).toLocalDate(),
                        rs.getDate(2).toLocalDate(), rs.getInt(3))));
    }

    private static <T> Optional<T> at(List<Dated<T>> rows, LocalDate on) {
        if (rows == null || on == null) {
            return Optional.empty();
        }
        for (Dated<T> r : rows) {
            if (r.covers(on)) {
                return Optional.of(r.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<TariffLine> tariff(String hsCode, LocalDate on) {
        return at(tariff.get(hsCode), on);
    }

    @Override
    public Optional<BigDecimal> exchangeRate(String currency, LocalDate on) {
        return at(rates.get(currency), on);
    }

    @Override
    public Optional<Party> partyByCustomsCode(String customsCode) {
        return Optional.ofNullable(customsCode == null ? null : byCustomsCode.get(customsCode));
    }

    @Override
    public Optional<Party> partyByEdiId(String ediId) {
        return Optional.ofNullable(ediId == null ? null : byEdiId.get(ediId));
    }

    /** The registered party a certificate's business registration number belongs to. */
    public Optional<Party> partyByBrn(String brn) {
        return Optional.ofNullable(brn == null ? null : byBrn.get(brn));
    }

    @Override
    public Optional<BigDecimal> referenceUnitValue(String hsCode, LocalDate on) {
        return at(referencePrices.get(hsCode), on);
    }

    @Override
    public List<SelectivityRule> selectivityRules(LocalDate on) {
        List<SelectivityRule> valid = new ArrayList<>(rules.size());
        for (Dated<SelectivityRule> r : rules) {
            if (on != null && r.covers(on)) {
                valid.add(r.value());
            }
        }
        return List.copyOf(valid);
    }
}
