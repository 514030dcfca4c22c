package org.edibatch.customs;

import org.edibatch.db.CopyRows;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.intake.EnvelopeStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What the customs step writes per message: its syntax result and errors, its declaration with the decision
 * and content errors, and the claim of the declaration's number. Rows are gathered per chunk and written by
 * one COPY per table, so a chunk costs a handful of round trips whatever its size.
 */
public final class DeclarationRepository {

    private final JdbcTemplate jdbc;

    public DeclarationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of one chunk, gathered for {@link Chunk#write()}. */
    public Chunk chunk() {
        return new Chunk();
    }

    public final class Chunk {

        private final CopyRows results = new CopyRows("message_result",
                "file_id, msg_index, message_ref, message_type, status");
        private final CopyRows syntaxErrors = new CopyRows("syntax_error", "file_id, msg_index, seq, code, "
                + "segment_position, segment_tag, element_position, component_position, text");
        private final CopyRows declarations = new CopyRows("declaration", "file_id, msg_index, sender, declaration_no, "
                + "declaration_date, importer_code, currency, status, acceptance_no, exchange_rate, customs_value_krw, "
                + "duty_krw, vat_krw, channel, score, rule_hits, kind, message_function");
        private final CopyRows declarationErrors = new CopyRows("declaration_error", "file_id, msg_index, seq, code, "
                + "pointer, text, line, col");

        private Chunk() {
        }

        public void messageResult(long fileId, int index, String reference, String type, boolean accepted) {
            results.row().col(fileId).col(index).col(reference).col(type).col(EnvelopeStatus.of(accepted).code()).end();
        }

        public void syntaxError(long fileId, int index, int seq, SyntaxError e) {
            syntaxErrors.add(fileId, index, seq, e.code(), e.segmentPosition(), e.segmentTag(), e.elementPosition(),
                    e.componentPosition(), e.text());
        }

        public void declaration(long fileId, int index, String kind, DeclarationOutcome o) {
            Declaration d = o.declaration();
            Assessment a = o.assessment();
            Selection s = o.selection();
            declarations.row().col(fileId).col(index).col(d.sender()).col(d.declarationNo()).col(d.date())
                    .col(d.importerCode()).col(d.currency()).col(o.status().name()).col(o.acceptanceNo())
                    .col(a == null ? null : a.exchangeRate()).col(a == null ? null : a.customsValue())
                    .col(a == null ? null : a.duty()).col(a == null ? null : a.vat())
                    .col(s == null ? null : s.channel().name());
            if (s == null) {
                declarations.col((String) null);
            } else {
                declarations.col(s.score());
            }
            declarations.col(s == null ? null : s.hitsText()).col(kind).col(d.function().code()).end();
        }

        public void declarationError(long fileId, int index, int seq, ContentError e) {
            declarationErrors.add(fileId, index, seq, e.code().code(), e.pointer(), e.detail(), e.line(), e.column());
        }

        /** Writes the rows, parents before children: the foreign keys are checked row by row. */
        public void write() {
            results.copy(jdbc);
            syntaxErrors.copy(jdbc);
            declarations.copy(jdbc);
            declarationErrors.copy(jdbc);
        }
    }

    /**
     * Claims declaration numbers, k-th number with the k-th of each array, none twice among them: a number is
     * taken by inserting its row, so a conflict means it was accepted before (in an earlier chunk, file or run).
     * The rows go by COPY first, as nearly every number is new; only when one of them is taken are they claimed
     * by one {@code INSERT ... ON CONFLICT DO NOTHING} that skips the taken ones.
     *
     * @return for each k, whether its number was claimed by it
     */
    public boolean[] claimNumbers(String[] senders, String[] numbers, long[] fileIds, int[] indexes) {
        int n = senders.length;
        boolean[] claimed = new boolean[n];
        CopyRows claims = new CopyRows("declaration_number", "sender, declaration_no, file_id, msg_index");
        for (int k = 0; k < n; k++) {
            claims.row().col(senders[k]).col(numbers[k]).col(fileIds[k]).col(indexes[k]).end();
        }
        if (claims.copyUnlessTaken(jdbc)) {
            java.util.Arrays.fill(claimed, true);
            return claimed;
        }
        Long[] boxedFileIds = new Long[n];
        Integer[] boxedIndexes = new Integer[n];
        Map<MessageKey, Integer> positions = new HashMap<>();
        for (int k = 0; k < n; k++) {
            boxedFileIds[k] = fileIds[k];
            boxedIndexes[k] = indexes[k];
            positions.put(new MessageKey(fileIds[k], indexes[k]), k);
        }
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO declaration_number "
                    + "(sender, declaration_no, file_id, msg_index) SELECT * FROM unnest(?::text[], ?::text[], "
                    + "?::bigint[], ?::int[]) ON CONFLICT DO NOTHING RETURNING file_id, msg_index")) {
                ps.setArray(1, c.createArrayOf("text", senders));
                ps.setArray(2, c.createArrayOf("text", numbers));
                ps.setArray(3, c.createArrayOf("bigint", boxedFileIds));
                ps.setArray(4, c.createArrayOf("integer", boxedIndexes));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed[positions.get(new MessageKey(rs.getLong(1), rs.getInt(2)))] = true;
                    }
                }
            }
            return null;
        });
        return claimed;
    }

    private record MessageKey(long fileId, int index) {
    }

    /** A declaration number of a sender. */
    public record NumberKey(String sender, String declarationNo) {
    }

    /** A loop, not a stream: this class is on the message path (MessagePathStreamsTest). */
    private static void fill(java.util.Collection<NumberKey> keys, String[] senders, String[] numbers) {
        int i = 0;
        for (NumberKey k : keys) {
            senders[i] = k.sender();
            numbers[i++] = k.declarationNo();
        }
    }

    /**
     * The current state of each given number that was accepted from its sender: the highest version in
     * {@code declaration_version}, else the original (version 1) its claim points to. One statement.
     */
    public Map<NumberKey, Amendments.State> states(java.util.Collection<NumberKey> keys) {
        Map<NumberKey, Amendments.State> states = new HashMap<>();
        if (keys.isEmpty()) {
            return states;
        }
        String[] senders = new String[keys.size()];
        String[] numbers = new String[keys.size()];
        fill(keys, senders, numbers);
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT k.s, k.n, d.declaration_date, d.importer_code, "
                    + "d.acceptance_no, d.customs_value_krw, d.duty_krw, d.vat_krw, v.version, v.status, "
                    + "v.importer_code, v.acceptance_no, v.customs_value_krw, v.duty_krw, v.vat_krw, "
                    + "EXISTS (SELECT 1 FROM officer_decision o WHERE o.sender = k.s AND o.declaration_no = k.n), "
                    + "EXISTS (SELECT 1 FROM declaration_release r WHERE r.sender = k.s AND r.declaration_no = k.n), "
                    + "c.file_id, c.msg_index "
                    + "FROM unnest(?::text[], ?::text[]) AS k(s, n) "
                    + "JOIN declaration_number c ON c.sender = k.s AND c.declaration_no = k.n "
                    + "JOIN declaration d ON d.file_id = c.file_id AND d.msg_index = c.msg_index "
                    + "LEFT JOIN LATERAL (SELECT * FROM declaration_version x WHERE x.sender = k.s "
                    + "AND x.declaration_no = k.n ORDER BY x.version DESC LIMIT 1) v ON TRUE")) {
                ps.setArray(1, c.createArrayOf("text", senders));
                ps.setArray(2, c.createArrayOf("text", numbers));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        NumberKey key = new NumberKey(rs.getString(1), rs.getString(2));
                        java.time.LocalDate date = rs.getDate(3).toLocalDate();
                        int version = rs.getInt(9);
                        boolean none = rs.wasNull();
                        boolean decided = rs.getBoolean(16);
                        boolean released = rs.getBoolean(17);
                        org.edibatch.schemas.PaymentNumber.Key original =
                                new org.edibatch.schemas.PaymentNumber.Key(rs.getLong(18), rs.getInt(19));
                        Amendments.State state = none
                                ? new Amendments.State(1, false, date, rs.getString(4), rs.getString(5),
                                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), decided, released,
                                original)
                                : new Amendments.State(version, withdrawn(rs.getString(10)), date,
                                rs.getString(11), rs.getString(12), rs.getBigDecimal(13), rs.getBigDecimal(14),
                                rs.getBigDecimal(15), decided, released, original);
                        states.put(key, state);
                    }
                }
            }
            return null;
        });
        return states;
    }

    /** A cancellation by its sender and a refusal by an officer both withdraw a declaration. */
    private static boolean withdrawn(String versionStatus) {
        return "CANCELLED".equals(versionStatus) || "REFUSED".equals(versionStatus);
    }

    /**
     * Which of the given numbers another sender had accepted in an earlier run than {@code runId}: earlier runs
     * only, so that the answer to an amendment never depends on how far another partition of the same run got.
     */
    public java.util.Set<NumberKey> claimedByOtherSenders(java.util.Collection<NumberKey> keys, long runId) {
        java.util.Set<NumberKey> found = new java.util.HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] senders = new String[keys.size()];
        String[] numbers = new String[keys.size()];
        fill(keys, senders, numbers);
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT k.s, k.n FROM unnest(?::text[], ?::text[]) "
                    + "AS k(s, n) JOIN declaration_number c ON c.declaration_no = k.n AND c.sender <> k.s "
                    + "JOIN inbound_file f ON f.id = c.file_id WHERE f.run_id < ?")) {
                ps.setArray(1, c.createArrayOf("text", senders));
                ps.setArray(2, c.createArrayOf("text", numbers));
                ps.setLong(3, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new NumberKey(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return null;
        });
        return found;
    }

    /** A version to record: an accepted replacement or cancellation and the keys of the entries it posted. */
    public record Version(long fileId, int index, long runId, DeclarationOutcome outcome, String entryKey,
                          String reversalKey) {
    }

    /** Records versions in the chunk's transaction; the primary key refuses a version applied twice. */
    public void recordVersions(java.util.List<Version> versions) {
        if (versions.isEmpty()) {
            return;
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>(versions.size());
        for (Version v : versions) {
            DeclarationOutcome o = v.outcome();
            Declaration d = o.declaration();
            Assessment a = o.assessment();
            Amendments.Applied applied = o.amendment();
            Amendments.State p = applied.previous();
            rows.add(new Object[]{d.sender(), d.declarationNo(), applied.version(), d.function().code(), v.fileId(),
                    v.index(), v.runId(), applied.cancelled() ? "CANCELLED" : "ACCEPTED", java.sql.Date.valueOf(d.date()),
                    d.importerCode(), o.acceptanceNo(), a.customsValue(), a.duty(), a.vat(),
                    o.selection() == null ? null : o.selection().channel().name(), p.acceptanceNo(),
                    p.customsValue(), p.duty(), p.vat(), v.entryKey(), v.reversalKey()});
        }
        jdbc.batchUpdate("INSERT INTO declaration_version (sender, declaration_no, version, message_function, file_id, "
                + "msg_index, run_id, status, declaration_date, importer_code, acceptance_no, customs_value_krw, duty_krw, "
                + "vat_krw, channel, previous_acceptance_no, previous_customs_value, previous_duty, previous_vat, "
                + "entry_key, reversal_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows);
    }
}
