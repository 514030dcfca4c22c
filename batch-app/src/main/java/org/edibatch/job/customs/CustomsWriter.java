package org.edibatch.job.customs;

import org.edibatch.customs.Assessment;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.ReferenceData;
import org.edibatch.db.CopyRows;
import org.edibatch.edifact.SyntaxCodes;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one chunk in the chunk's transaction: syntax results, declarations with their decisions, ledger
 * postings and exception items. Everything is keyed by (file, message index) or by an idempotency key, so
 * the chunk is either wholly there or wholly absent, and never twice.
 */
public class CustomsWriter implements ItemWriter<ProcessedMessage> {

    /** Joins sender and declaration number in a key; neither can contain a tab (EDIFACT and XML forbid it). */
    private static final char SEP = '\t';

    private final JdbcTemplate jdbc;
    private final JdbcLedger ledger;
    private final ReferenceData reference;
    private final long runId;
    private final FaultDrill faultDrill;
    private final EarlyAnswers answers;
    private final AnswerOutbox outbox;

    CustomsWriter(JdbcTemplate jdbc, JdbcLedger ledger, ReferenceData reference, long runId,
                  FaultDrill faultDrill, EarlyAnswers answers, AnswerOutbox outbox) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.reference = reference;
        this.runId = runId;
        this.faultDrill = faultDrill;
        this.answers = answers;
        this.outbox = outbox;
    }

    @Override
    public void write(Chunk<? extends ProcessedMessage> chunk) {
        CopyRows results = new CopyRows("message_result", "file_id, msg_index, message_ref, message_type, status");
        CopyRows syntaxErrors = new CopyRows("syntax_error", "file_id, msg_index, seq, code, segment_position, "
                + "segment_tag, element_position, component_position, text");
        CopyRows declarations = new CopyRows("declaration", "file_id, msg_index, sender, declaration_no, "
                + "declaration_date, importer_code, currency, status, acceptance_no, exchange_rate, customs_value_krw, "
                + "duty_krw, vat_krw, channel, score, rule_hits, kind");
        CopyRows declarationErrors = new CopyRows("declaration_error", "file_id, msg_index, seq, code, pointer, text, "
                + "line, col");
        CopyRows exceptions = new CopyRows("exception_item", "run_id, file_id, msg_index, seq, category, sender, "
                + "file_name, message_ref, declaration_no, code, text, channel, score, rule_hits");
        List<DeclarationOutcome> toPost = new ArrayList<>();
        List<ProcessedMessage> decided = new ArrayList<>(chunk.size());

        Set<String> taken = claimNumbers(chunk);
        for (ProcessedMessage pm : chunk) {
            MessageItem item = pm.item();
            results.add(item.fileId(), item.index(), item.reference(), item.typeIdentifier(),
                    item.syntaxErrors().isEmpty() ? "ACCEPTED" : "REJECTED");
            int seq = 0;
            for (SyntaxError e : item.syntaxErrors()) {
                syntaxErrors.add(item.fileId(), item.index(), seq, e.code(), e.segmentPosition(),
                        e.segmentTag(), e.elementPosition(), e.componentPosition(), e.text());
                exceptions.add(exception(item, seq++, "SYNTAX", null, "0085:" + e.code(),
                        SyntaxCodes.text(e.code()) + " - " + e.text(), null));
            }
            if (pm.outcome() == null) {
                decided.add(pm);
                continue;
            }
            DeclarationOutcome outcome = pm.outcome();
            if (outcome.accepted() && !taken.contains(claimKey(item))) {
                outcome = outcome.asDuplicate();
            }
            decided.add(outcome == pm.outcome() ? pm : new ProcessedMessage(item, outcome));
            Declaration d = outcome.declaration();
            declarations.add(declarationRow(item, outcome));
            int eseq = 0;
            for (ContentError e : outcome.errors()) {
                declarationErrors.add(item.fileId(), item.index(), eseq++, e.code().code(), e.pointer(),
                        e.detail(), e.line(), e.column());
                exceptions.add(exception(item, seq++, "CONTENT", d.declarationNo(), e.code().code(),
                        e.code().text() + " - " + e.detail() + " (" + e.pointer() + ")", null));
            }
            if (outcome.accepted()) {
                toPost.add(outcome);
                if (outcome.selection().channel() != org.edibatch.customs.Channel.GREEN) {
                    exceptions.add(exception(item, seq++, "SELECTIVITY", d.declarationNo(),
                            "CS:" + outcome.selection().channel().name(),
                            outcome.selection().channel().meaning() + " selected", outcome));
                }
            }
        }
        // Parents before children: the foreign keys are checked row by row.
        results.copy(jdbc);
        syntaxErrors.copy(jdbc);
        declarations.copy(jdbc);
        declarationErrors.copy(jdbc);
        List<JournalEntry> entries = new ArrayList<>();
        for (DeclarationOutcome o : toPost) {
            String party = reference.partyByCustomsCode(o.declaration().importerCode())
                    .map(ReferenceData.Party::partyId).orElse(null);
            CustomsPostings.forAcceptedImport(o, party).ifPresent(entries::add);
        }
        ledger.postAll(entries, runId);
        exceptions.copy(jdbc);
        AnswerFiles.record(jdbc, outbox.takeWritten()); // answers written since the last chunk
        answers.stage(decided);
        faultDrill.afterChunkWritten();
        org.edibatch.config.CrashPoints.reach("customs.chunk-written");
    }

    /**
     * Claims the numbers of the chunk's accepted declarations in one statement: a number is taken by
     * inserting its row, so a conflict means it was accepted before (in an earlier chunk, file or run). Within
     * the chunk the first occurrence wins, as it would one by one. The rows go by COPY first, as nearly every
     * number is new; only when one of them is taken are they claimed by one {@code INSERT ... ON CONFLICT DO
     * NOTHING} that skips the taken ones.
     *
     * @return the claim keys (see {@link #claimKey}) of the messages whose number is theirs
     */
    private Set<String> claimNumbers(Chunk<? extends ProcessedMessage> chunk) {
        Map<String, MessageItem> first = new java.util.TreeMap<>(); // sorted: one lock order across writers
        for (ProcessedMessage pm : chunk) {
            if (pm.outcome() != null && pm.outcome().accepted()) {
                Declaration d = pm.outcome().declaration();
                first.putIfAbsent(d.sender() + SEP + d.declarationNo(), pm.item());
            }
        }
        if (first.isEmpty()) {
            return Set.of();
        }
        List<String> senders = new ArrayList<>(first.size());
        List<String> nos = new ArrayList<>(first.size());
        List<Long> fileIds = new ArrayList<>(first.size());
        List<Integer> indexes = new ArrayList<>(first.size());
        Set<String> all = new HashSet<>();
        first.forEach((key, item) -> {
            int sep = key.indexOf(SEP);
            senders.add(key.substring(0, sep));
            nos.add(key.substring(sep + 1));
            fileIds.add(item.fileId());
            indexes.add(item.index());
            all.add(claimKey(item));
        });
        CopyRows claims = new CopyRows("declaration_number", "sender, declaration_no, file_id, msg_index");
        for (int i = 0; i < senders.size(); i++) {
            claims.add(senders.get(i), nos.get(i), fileIds.get(i), indexes.get(i));
        }
        if (claims.copyUnlessTaken(jdbc)) {
            return all;
        }
        Set<String> taken = new HashSet<>();
        jdbc.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO declaration_number "
                    + "(sender, declaration_no, file_id, msg_index) SELECT * FROM unnest(?::text[], ?::text[], "
                    + "?::bigint[], ?::int[]) ON CONFLICT DO NOTHING RETURNING file_id, msg_index")) {
                ps.setArray(1, c.createArrayOf("text", senders.toArray()));
                ps.setArray(2, c.createArrayOf("text", nos.toArray()));
                ps.setArray(3, c.createArrayOf("bigint", fileIds.toArray()));
                ps.setArray(4, c.createArrayOf("integer", indexes.toArray()));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.add(rs.getLong(1) + ":" + rs.getInt(2));
                    }
                }
            }
            return null;
        });
        return taken;
    }

    private static String claimKey(MessageItem item) {
        return item.fileId() + ":" + item.index();
    }

    private Object[] declarationRow(MessageItem item, DeclarationOutcome o) {
        Declaration d = o.declaration();
        Assessment a = o.assessment();
        return new Object[]{item.fileId(), item.index(), d.sender(), d.declarationNo(), d.date(), d.importerCode(),
                d.currency(), o.status().name(),
                o.acceptanceNo(), a == null ? null : a.exchangeRate(), a == null ? null : a.customsValue(),
                a == null ? null : a.duty(), a == null ? null : a.vat(),
                o.selection() == null ? null : o.selection().channel().name(),
                o.selection() == null ? null : o.selection().score(),
                o.selection() == null ? null : o.selection().hitsText(), item.kind()};
    }

    private Object[] exception(MessageItem item, int seq, String category, String declarationNo, String code,
                               String text, DeclarationOutcome selected) {
        return new Object[]{runId, item.fileId(), item.index(), seq, category, item.sender(), item.fileName(),
                item.reference(), declarationNo, code, text,
                selected == null ? null : selected.selection().channel().name(),
                selected == null ? null : selected.selection().score(),
                selected == null ? null : selected.selection().hitsText()};
    }
}
