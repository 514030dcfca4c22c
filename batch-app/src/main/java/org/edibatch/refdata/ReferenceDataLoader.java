package org.edibatch.refdata;

import org.edibatch.schemas.ReferenceFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the dated reference files shipped in edi-schemas into PostgreSQL. A data set is replaced as a
 * whole, in one transaction, only when the file's SHA-256 differs from the version already loaded.
 */
public class ReferenceDataLoader {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ReferenceDataLoader(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    public void loadAll() {
        for (String name : ReferenceFiles.DATASETS) {
            ReferenceFiles.Table table = ReferenceFiles.load(name);
            tx.executeWithoutResult(s -> load(table));
        }
    }

    private void load(ReferenceFiles.Table t) {
        List<String> current = jdbc.queryForList("SELECT sha256 FROM ref_dataset WHERE name = ? FOR UPDATE",
                String.class, t.name());
        if (!current.isEmpty() && current.get(0).equals(t.sha256())) {
            return;
        }
        switch (t.name()) {
            case "tariff":
                replace("ref_tariff", "INSERT INTO ref_tariff VALUES (?,?,?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("hs_code"), date(r, "valid_from"), date(r, "valid_to"),
                        new BigDecimal(r.get("duty_rate_pct")), r.get("unit"), r.get("description")});
                break;
            case "exchange-rates":
                replace("ref_exchange_rate", "INSERT INTO ref_exchange_rate VALUES (?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("currency"), date(r, "week_start"), date(r, "week_end"), new BigDecimal(r.get("rate_krw"))});
                break;
            case "parties":
                replace("ref_party", "INSERT INTO ref_party VALUES (?,?,?,?,?,?,?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("party_id"), r.get("role"), r.get("name"), r.get("brn"), r.get("customs_code"),
                        r.get("edi_id"), "Y".equals(r.get("poor_history")), r.get("status"), date(r, "valid_from"),
                        "Y".equals(r.get("monthly_payment"))});
                break;
            case "reference-prices":
                replace("ref_reference_price", "INSERT INTO ref_reference_price VALUES (?,?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("hs_code"), date(r, "valid_from"), date(r, "valid_to"), r.get("unit"),
                        new BigDecimal(r.get("ref_unit_value_krw"))});
                break;
            case "selectivity-rules":
                replace("ref_selectivity_rule", "INSERT INTO ref_selectivity_rule VALUES (?,?,?,?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("rule_id"), date(r, "valid_from"), date(r, "valid_to"), r.get("kind"), r.get("value"),
                        Integer.parseInt(r.get("score")), r.get("description")});
                break;
            case "lower-limit-rates":
                replace("ref_lower_limit_rate", "INSERT INTO ref_lower_limit_rate VALUES (?,?,?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("contract_kind"), new BigDecimal(r.get("min_amount_krw")), new BigDecimal(r.get("max_amount_krw")),
                        date(r, "valid_from"), date(r, "valid_to"), new BigDecimal(r.get("rate_pct"))});
                break;
            case "vendors":
                replace("ref_vendor", "INSERT INTO ref_vendor VALUES (?,?,?,?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("vendor_id"), r.get("name"), r.get("brn"), r.get("status"),
                        r.get("debarred_from").isEmpty() ? null : date(r, "debarred_from"),
                        r.get("debarred_to").isEmpty() ? null : date(r, "debarred_to"), date(r, "valid_from")});
                break;
            case "qualification-rules":
                replace("ref_qualification_rule", "INSERT INTO ref_qualification_rule VALUES (?,?,?,?,?,?,?,?,?)", t.rows(),
                        r -> new Object[]{r.get("contract_kind"), new BigDecimal(r.get("min_amount_krw")),
                                new BigDecimal(r.get("max_amount_krw")), date(r, "valid_from"), date(r, "valid_to"),
                                new BigDecimal(r.get("price_points")), new BigDecimal(r.get("slope")),
                                new BigDecimal(r.get("target_ratio_pct")), new BigDecimal(r.get("pass_mark"))});
                break;
            case "vendor-qualification":
                replace("ref_vendor_qualification", "INSERT INTO ref_vendor_qualification VALUES (?,?,?,?,?)", t.rows(),
                        r -> new Object[]{r.get("vendor_id"), r.get("contract_kind"), date(r, "valid_from"),
                                date(r, "valid_to"), new BigDecimal(r.get("non_price_points"))});
                break;
            case "partner-profiles":
                replace("ref_partner_profile", "INSERT INTO ref_partner_profile VALUES (?,?,?,?,?)", t.rows(), r -> {
                    String syntax = r.get("answer_syntax");
                    if (!syntax.isEmpty()) {
                        org.edibatch.edifact.Syntax.parse(syntax); // a profile no answer can be written in fails here
                    }
                    return new Object[]{r.get("edi_id"), syntax.isEmpty() ? null : syntax,
                            !"N".equals(r.get("positive_contrl")), r.get("xml_answer").isEmpty() ? "XML"
                            : r.get("xml_answer"), date(r, "valid_from")};
                });
                break;
            case "agencies":
                replace("ref_agency", "INSERT INTO ref_agency VALUES (?,?,?,?)", t.rows(), r -> new Object[]{
                        r.get("agency_id"), r.get("name"), r.get("brn"), date(r, "valid_from")});
                break;
            case "payment-terms":
                replace("ref_payment_terms", "INSERT INTO ref_payment_terms VALUES (?,?,?,?)", t.rows(), r -> new Object[]{
                        date(r, "valid_from"), date(r, "valid_to"), Integer.parseInt(r.get("days_after_acceptance")),
                        r.get("description")});
                break;
            case "late-payment-rates":
                replace("ref_late_payment_rate", "INSERT INTO ref_late_payment_rate VALUES (?,?,?,?,?)", t.rows(),
                        r -> new Object[]{date(r, "valid_from"), date(r, "valid_to"), new BigDecimal(r.get("once_pct")),
                                new BigDecimal(r.get("daily_pct")), r.get("description")});
                break;
            default:
                throw new IllegalArgumentException("unknown data set " + t.name());
        }
        jdbc.update("INSERT INTO ref_dataset (name, sha256, row_count, loaded_at) VALUES (?,?,?,?) "
                        + "ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, row_count = EXCLUDED.row_count, loaded_at = EXCLUDED.loaded_at",
                t.name(), t.sha256(), t.rows().size(), Timestamp.from(clock.instant()));
        log.info("reference data set {} loaded: {} rows, sha256 {}", t.name(), t.rows().size(), t.sha256());
    }

    private interface RowMapper {
        Object[] map(Map<String, String> row);
    }

    private void replace(String table, String insert, List<Map<String, String>> rows, RowMapper mapper) {
        jdbc.update("DELETE FROM " + table);
        jdbc.batchUpdate(insert, rows.stream().map(mapper::map).toList());
    }

    private static Date date(Map<String, String> r, String column) {
        return Date.valueOf(LocalDate.parse(Optional.ofNullable(r.get(column)).orElseThrow()));
    }
}
