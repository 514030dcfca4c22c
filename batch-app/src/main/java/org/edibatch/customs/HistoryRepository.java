package org.edibatch.customs;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;

/**
 * A declaration number's history for the {@code history} command: every message of the sender that carried the
 * number and every version an officer's decision made, in the order they were applied, with the version each made
 * (1 the original, then {@code declaration_version}), its amounts, the codes it was refused with, and the answers
 * sent.
 */
public final class HistoryRepository {

    private final JdbcTemplate jdbc;

    public HistoryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One message of the number, or one version an officer's decision made (then {@code decisionId} and
     * {@code decisionKind} are set, and the file and message are those the decision was taken on).
     *
     * @param version the version it made; null when it was rejected or refused
     * @param codes   the codes it was rejected or refused with, comma-separated; null when it was accepted
     */
    public record Message(long fileId, int index, long runId, String function, String status, Integer version,
                          boolean cancelled, String acceptanceNo, BigDecimal customsValue, BigDecimal duty,
                          BigDecimal vat, String channel, String codes, Long decisionId, String decisionKind) {

        public boolean decision() {
            return decisionId != null;
        }
    }

    /** An answer file sent for one of the number's files. */
    public record Answer(long fileId, String kind, String path) {
    }

    /**
     * The sender's messages and the officers' versions, in the order they were applied: by run, a run's messages
     * (customs step) before its decisions (decisions step, in decision order).
     */
    public List<Message> messages(String sender, String declarationNo) {
        return jdbc.query("SELECT * FROM (SELECT d.file_id, d.msg_index, f.run_id, d.message_function, d.status, "
                + "CASE WHEN c.file_id IS NOT NULL THEN 1 ELSE v.version END AS version, "
                + "v.status = 'CANCELLED', d.acceptance_no, "
                + "d.customs_value_krw, d.duty_krw, d.vat_krw, d.channel, "
                + "(SELECT string_agg(e.code, ',' ORDER BY e.seq) FROM declaration_error e "
                + "WHERE e.file_id = d.file_id AND e.msg_index = d.msg_index), "
                + "NULL::bigint AS decision_id, NULL AS decision_kind, 0 AS step, d.file_id AS k1, d.msg_index AS k2 "
                + "FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                + "LEFT JOIN declaration_number c ON c.sender = d.sender AND c.declaration_no = d.declaration_no "
                + "AND c.file_id = d.file_id AND c.msg_index = d.msg_index "
                + "LEFT JOIN declaration_version v ON v.file_id = d.file_id AND v.msg_index = d.msg_index "
                + "WHERE d.sender = ? AND d.declaration_no = ? "
                + "UNION ALL SELECT o.file_id, o.msg_index, v.run_id, v.message_function, v.status, v.version, "
                + "v.status = 'CANCELLED', v.acceptance_no, v.customs_value_krw, v.duty_krw, v.vat_krw, v.channel, "
                + "CASE WHEN v.status = 'REFUSED' THEN 'C180' END, o.id, o.kind, 1, o.id, 0 "
                + "FROM declaration_version v JOIN officer_decision o ON o.id = v.decision_id "
                + "WHERE v.sender = ? AND v.declaration_no = ?) h ORDER BY run_id, step, k1, k2",
                (rs, n) -> {
                    long decision = rs.getLong(14);
                    Long decisionId = rs.wasNull() ? null : decision;
                    return new Message(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            (Integer) rs.getObject(6), rs.getBoolean(7), rs.getString(8), rs.getBigDecimal(9),
                            rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getString(12), rs.getString(13),
                            decisionId, rs.getString(15));
                },
                sender, declarationNo, sender, declarationNo);
    }

    /**
     * The answers sent for the number's files: the files' own, and the answers to the officers' decisions on this
     * number (not those on the files' other declarations).
     */
    public List<Answer> answers(String sender, String declarationNo) {
        return jdbc.query("SELECT a.file_id, a.kind, a.path FROM answer a WHERE a.file_id IN (SELECT d.file_id "
                        + "FROM declaration d WHERE d.sender = ? AND d.declaration_no = ?) AND (a.kind !~ '-D[0-9]+$' "
                        + "OR substring(a.kind FROM '-D([0-9]+)$')::bigint IN (SELECT o.id FROM officer_decision o "
                        + "WHERE o.sender = ? AND o.declaration_no = ?)) ORDER BY a.file_id, a.kind",
                (rs, n) -> new Answer(rs.getLong(1), rs.getString(2), rs.getString(3)), sender, declarationNo,
                sender, declarationNo);
    }
}
