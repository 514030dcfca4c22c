package org.edibatch.job.procurement;

import org.edibatch.procurement.LowerLimitRates;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Reads of reference and tender data shared by the procurement tasklets. */
final class JdbcProcurement {

    private JdbcProcurement() {
    }

    record Vendor(String id, String brn, String status, LocalDate debarredFrom, LocalDate debarredTo) {
        boolean debarredOn(LocalDate day) {
            return "DEBARRED".equals(status) && (debarredFrom == null || !day.isBefore(debarredFrom))
                    && (debarredTo == null || !day.isAfter(debarredTo));
        }
    }

    record Tender(String id, String agencyId, String status, Instant deadline, Instant openingTime,
                  java.math.BigDecimal base, java.math.BigDecimal rangePct, java.math.BigDecimal rate, String seed) {
    }

    static LowerLimitRates rates(JdbcTemplate jdbc) {
        return new LowerLimitRates(jdbc.query("SELECT contract_kind, min_amount_krw, max_amount_krw, valid_from, valid_to, "
                        + "rate_pct FROM ref_lower_limit_rate ORDER BY contract_kind, min_amount_krw, valid_from",
                (rs, n) -> new LowerLimitRates.Row(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getBigDecimal(6))));
    }

    static Optional<Vendor> vendor(JdbcTemplate jdbc, String id) {
        return jdbc.query("SELECT vendor_id, brn, status, debarred_from, debarred_to FROM ref_vendor WHERE vendor_id = ?",
                (rs, n) -> new Vendor(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                        rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate()), id).stream().findFirst();
    }

    static Optional<Tender> tender(JdbcTemplate jdbc, String id) {
        return tenders(jdbc, "WHERE tender_id = ?", id).stream().findFirst();
    }

    static List<Tender> tenders(JdbcTemplate jdbc, String where, Object... args) {
        return jdbc.query("SELECT tender_id, agency_id, status, bid_deadline, opening_time, base_amount, range_pct, "
                        + "lower_limit_rate, draw_seed FROM tender " + where + " ORDER BY tender_id",
                (rs, n) -> new Tender(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getBigDecimal(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9)), args);
    }

    static String receiptNo(long bidId) {
        return String.format("R%010d", bidId);
    }
}
