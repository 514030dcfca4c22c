package org.edibatch.console;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The officers' decisions ({@code officer_decision}, insert-only: a later decision supersedes, none is edited).
 * {@link #decisionsToApply()} is what the nightly run's decisions step applies (versions, postings, CUSRES; the
 * release step carries out releases); it records each in {@code officer_decision_applied}.
 */
public class DecisionRepository {

    /** A recorded decision. */
    public record Decision(long id, String sender, String declarationNo, long fileId, int msgIndex, DecisionKind kind,
                           String hsCode, BigDecimal customsValue, BigDecimal quantity, String reason,
                           String officerSubject, String officerSerial, Instant decidedAt) {
    }

    private static final String COLUMNS = "id, sender, declaration_no, file_id, msg_index, kind, hs_code, "
            + "customs_value, quantity, reason, officer_subject, officer_serial, decided_at";
    private static final RowMapper<Decision> DECISION = (rs, n) -> new Decision(rs.getLong("id"),
            rs.getString("sender"), rs.getString("declaration_no"), rs.getLong("file_id"), rs.getInt("msg_index"),
            DecisionKind.valueOf(rs.getString("kind")), rs.getString("hs_code"), rs.getBigDecimal("customs_value"),
            rs.getBigDecimal("quantity"), rs.getString("reason"), rs.getString("officer_subject"),
            rs.getString("officer_serial"), rs.getTimestamp("decided_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    public DecisionRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a decision on the declaration version (file, message); returns its id. */
    public long record(long fileId, int msgIndex, DecisionForm.Checked d, Officer officer, Instant at) {
        return jdbc.queryForObject("INSERT INTO officer_decision (sender, declaration_no, file_id, msg_index, kind, "
                        + "hs_code, customs_value, quantity, reason, officer_subject, officer_serial, decided_at) "
                        + "SELECT sender, declaration_no, file_id, msg_index, :kind, :hs, :value, :qty, :reason, "
                        + ":subject, :serial, :at FROM declaration WHERE file_id = :file AND msg_index = :msg "
                        + "RETURNING id",
                new MapSqlParameterSource().addValue("kind", d.kind().name()).addValue("hs", d.hsCode())
                        .addValue("value", d.customsValue()).addValue("qty", d.quantity())
                        .addValue("reason", d.reason()).addValue("subject", officer.subject())
                        .addValue("serial", officer.serial()).addValue("at", Timestamp.from(at))
                        .addValue("file", fileId).addValue("msg", msgIndex), Long.class);
    }

    /** Every decision on a declaration (any of its versions), newest first: the first is the one in force. */
    public List<Decision> forDeclaration(String sender, String declarationNo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM officer_decision WHERE sender = :sender "
                        + "AND declaration_no = :no ORDER BY id DESC",
                new MapSqlParameterSource("sender", sender).addValue("no", declarationNo), DECISION);
    }

    /**
     * The decision in force on each declaration that the nightly run has not applied yet, oldest first (see
     * {@code job.customs.DecisionTasklet}: a reassessment is posted as a sender's replacement).
     */
    public List<Decision> decisionsToApply() {
        return jdbc.query("SELECT " + COLUMNS + " FROM (SELECT DISTINCT ON (sender, declaration_no) * "
                + "FROM officer_decision ORDER BY sender, declaration_no, id DESC) d "
                + "WHERE NOT EXISTS (SELECT 1 FROM officer_decision_applied a WHERE a.decision_id = d.id) "
                + "ORDER BY id", DECISION);
    }
}
