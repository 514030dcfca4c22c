package org.edibatch.receivables;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What the receivables are read from: {@code declaration_receivable} (tax due, paid and open per declaration),
 * grouped per importer and acceptance date (the date the current version's file was received, in the office's zone),
 * from which {@link Receivables} derives the due dates, ageing and late charge; and the dated late-payment rates.
 */
public final class ReceivablesRepository {

    private final JdbcTemplate jdbc;

    public ReceivablesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The declarations of one importer accepted on one date, summed.
     *
     * @param creditBalances what was paid beyond the tax due and not yet moved to refunds (the receivables proof's)
     */
    public record Group(String importerCode, String importerName, boolean monthlyPayment, LocalDate accepted,
                        int declarations, BigDecimal taxDue, BigDecimal paid, BigDecimal open,
                        BigDecimal creditBalances) {
    }

    private static final String GROUPS = "SELECT COALESCE(r.importer_code, '-'), MIN(p.name), "
            + "COALESCE(BOOL_OR(p.monthly_payment), FALSE), (f.received_at AT TIME ZONE ?)::date, COUNT(*), "
            + "SUM(r.tax_due), SUM(r.paid), SUM(r.open_amount), SUM(GREATEST(r.paid - r.tax_due, 0)) "
            + "FROM declaration_receivable r "
            + "LEFT JOIN LATERAL (SELECT x.file_id FROM declaration_version x WHERE x.sender = r.sender "
            + "AND x.declaration_no = r.declaration_no ORDER BY x.version DESC LIMIT 1) v ON TRUE "
            + "JOIN inbound_file f ON f.id = COALESCE(v.file_id, r.file_id) "
            + "LEFT JOIN ref_party p ON p.customs_code = r.importer_code "
            + "WHERE (r.tax_due > 0 OR r.paid > 0) ";

    private static Group group(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Group(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getDate(4).toLocalDate(),
                rs.getInt(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9));
    }

    /** Every importer's groups, in importer and date order. */
    public List<Group> groups(ZoneId zone) {
        return jdbc.query(GROUPS + "GROUP BY 1, 4 ORDER BY 1, 4", (rs, n) -> group(rs), zone.getId());
    }

    /**
     * The groups of the first {@code limit} importers after {@code afterImporter} (keyset paging: "" for the first
     * page), in importer and date order.
     */
    public List<Group> page(ZoneId zone, String afterImporter, int limit) {
        return jdbc.query(GROUPS + "AND COALESCE(r.importer_code, '-') IN (SELECT DISTINCT COALESCE(y.importer_code, '-') "
                        + "FROM declaration_receivable y WHERE COALESCE(y.importer_code, '-') > ? "
                        + "AND (y.tax_due > 0 OR y.paid > 0) ORDER BY 1 LIMIT ?) GROUP BY 1, 4 ORDER BY 1, 4",
                (rs, n) -> group(rs), zone.getId(), afterImporter, limit);
    }

    /** The dated late-payment rates (reference data set late-payment-rates). */
    public List<LateCharge.Rate> lateChargeRates() {
        return jdbc.query("SELECT valid_from, valid_to, once_pct, daily_pct FROM ref_late_payment_rate ORDER BY valid_from",
                (rs, n) -> new LateCharge.Rate(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate(),
                        rs.getBigDecimal(3), rs.getBigDecimal(4)));
    }
}
