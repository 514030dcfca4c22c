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
                + "duty_krw, vat_krw, channel, score, rule_hits, kind");
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
            declarations.col(s == null ? null : s.hitsText()).col(kind).end();
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
}
