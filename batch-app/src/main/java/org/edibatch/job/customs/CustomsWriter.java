package org.edibatch.job.customs;

import org.edibatch.customs.Assessment;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.ReferenceData;
import org.edibatch.customs.Selection;
import org.edibatch.db.CopyRows;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one chunk in the chunk's transaction: syntax results, declarations with their decisions, ledger
 * postings and exception items. Everything is keyed by (file, message index) or by an idempotency key, so
 * the chunk is either wholly there or wholly absent, and never twice.
 */
public class CustomsWriter implements ItemWriter<ProcessedMessage> {

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
        List<? extends ProcessedMessage> items = chunk.getItems();
        List<DeclarationOutcome> toPost = new ArrayList<>();
        List<ProcessedMessage> decided = new ArrayList<>(items.size());

        boolean[] claimed = claimNumbers(items);
        for (int position = 0; position < items.size(); position++) {
            ProcessedMessage pm = items.get(position);
            MessageItem item = pm.item();
            results.row().col(item.fileId()).col(item.index()).col(item.reference()).col(item.typeIdentifier())
                    .col(item.syntaxErrors().isEmpty() ? "ACCEPTED" : "REJECTED").end();
            int seq = 0;
            for (SyntaxError e : item.syntaxErrors()) {
                syntaxErrors.add(item.fileId(), item.index(), seq, e.code(), e.segmentPosition(),
                        e.segmentTag(), e.elementPosition(), e.componentPosition(), e.text());
                exception(exceptions, item, seq++, "SYNTAX", null, "0085:" + e.code(),
                        SyntaxErrorCode.textOf(e.code()) + " - " + e.text(), null);
            }
            if (pm.outcome() == null) {
                decided.add(pm);
                continue;
            }
            DeclarationOutcome outcome = pm.outcome();
            if (outcome.accepted() && !claimed[position]) {
                outcome = outcome.asDuplicate();
            }
            decided.add(outcome == pm.outcome() ? pm : new ProcessedMessage(item, outcome));
            Declaration d = outcome.declaration();
            declarationRow(declarations, item, outcome);
            int eseq = 0;
            for (ContentError e : outcome.errors()) {
                declarationErrors.add(item.fileId(), item.index(), eseq++, e.code().code(), e.pointer(),
                        e.detail(), e.line(), e.column());
                exception(exceptions, item, seq++, "CONTENT", d.declarationNo(), e.code().code(),
                        e.code().text() + " - " + e.detail() + " (" + e.pointer() + ")", null);
            }
            if (outcome.accepted()) {
                toPost.add(outcome);
                if (outcome.selection().channel() != org.edibatch.customs.Channel.GREEN) {
                    exception(exceptions, item, seq++, "SELECTIVITY", d.declarationNo(),
                            "CS:" + outcome.selection().channel().name(),
                            outcome.selection().channel().text() + " selected", outcome);
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
     * @return for each position of the chunk, whether its declaration's number is its own
     */
    private boolean[] claimNumbers(List<? extends ProcessedMessage> items) {
        boolean[] claimed = new boolean[items.size()];
        List<Integer> accepted = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            DeclarationOutcome o = items.get(i).outcome();
            if (o != null && o.accepted()) {
                accepted.add(i);
            }
        }
        if (accepted.isEmpty()) {
            return claimed;
        }
        // Sorted by number (one lock order across writers), then by position: the first of equal numbers wins.
        accepted.sort((a, b) -> {
            Declaration x = items.get(a).outcome().declaration();
            Declaration y = items.get(b).outcome().declaration();
            int c = x.sender().compareTo(y.sender());
            if (c == 0) {
                c = x.declarationNo().compareTo(y.declarationNo());
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<Integer> first = new ArrayList<>(accepted.size());
        Declaration previous = null;
        for (int i : accepted) {
            Declaration d = items.get(i).outcome().declaration();
            if (previous == null || !previous.sender().equals(d.sender())
                    || !previous.declarationNo().equals(d.declarationNo())) {
                first.add(i);
            }
            previous = d;
        }
        CopyRows claims = new CopyRows("declaration_number", "sender, declaration_no, file_id, msg_index");
        for (int i : first) {
            MessageItem item = items.get(i).item();
            Declaration d = items.get(i).outcome().declaration();
            claims.row().col(d.sender()).col(d.declarationNo()).col(item.fileId()).col(item.index()).end();
        }
        if (claims.copyUnlessTaken(jdbc)) {
            for (int i : first) {
                claimed[i] = true;
            }
            return claimed;
        }
        int n = first.size();
        String[] senders = new String[n];
        String[] nos = new String[n];
        Long[] fileIds = new Long[n];
        Integer[] indexes = new Integer[n];
        Map<MessageKey, Integer> positions = new HashMap<>();
        for (int k = 0; k < n; k++) {
            int i = first.get(k);
            MessageItem item = items.get(i).item();
            Declaration d = items.get(i).outcome().declaration();
            senders[k] = d.sender();
            nos[k] = d.declarationNo();
            fileIds[k] = item.fileId();
            indexes[k] = item.index();
            positions.put(new MessageKey(item.fileId(), item.index()), i);
        }
        jdbc.execute((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO declaration_number "
                    + "(sender, declaration_no, file_id, msg_index) SELECT * FROM unnest(?::text[], ?::text[], "
                    + "?::bigint[], ?::int[]) ON CONFLICT DO NOTHING RETURNING file_id, msg_index")) {
                ps.setArray(1, c.createArrayOf("text", senders));
                ps.setArray(2, c.createArrayOf("text", nos));
                ps.setArray(3, c.createArrayOf("bigint", fileIds));
                ps.setArray(4, c.createArrayOf("integer", indexes));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
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

    private static void declarationRow(CopyRows rows, MessageItem item, DeclarationOutcome o) {
        Declaration d = o.declaration();
        Assessment a = o.assessment();
        Selection s = o.selection();
        rows.row().col(item.fileId()).col(item.index()).col(d.sender()).col(d.declarationNo()).col(d.date())
                .col(d.importerCode()).col(d.currency()).col(o.status().name()).col(o.acceptanceNo())
                .col(a == null ? null : a.exchangeRate()).col(a == null ? null : a.customsValue())
                .col(a == null ? null : a.duty()).col(a == null ? null : a.vat())
                .col(s == null ? null : s.channel().name());
        if (s == null) {
            rows.col((String) null);
        } else {
            rows.col(s.score());
        }
        rows.col(s == null ? null : s.hitsText()).col(item.kind()).end();
    }

    private void exception(CopyRows rows, MessageItem item, int seq, String category, String declarationNo,
                           String code, String text, DeclarationOutcome selected) {
        rows.row().col(runId).col(item.fileId()).col(item.index()).col(seq).col(category).col(item.sender())
                .col(item.fileName()).col(item.reference()).col(declarationNo).col(code).col(text);
        if (selected == null) {
            rows.col((String) null).col((String) null).col((String) null);
        } else {
            Selection s = selected.selection();
            rows.col(s.channel().name()).col(s.score()).col(s.hitsText());
        }
        rows.end();
    }
}
