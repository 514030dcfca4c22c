package org.edibatch.job.customs;

import org.edibatch.answer.AnswerRepository;
import org.edibatch.customs.Channel;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.DeclarationRepository;
import org.edibatch.customs.ReferenceData;
import org.edibatch.customs.Selection;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one chunk in the chunk's transaction: syntax results, declarations with their decisions, ledger
 * postings and exception items. Everything is keyed by (file, message index) or by an idempotency key, so
 * the chunk is either wholly there or wholly absent, and never twice.
 */
public class CustomsWriter implements ItemWriter<ProcessedMessage> {

    private final DeclarationRepository declarations;
    private final AnswerRepository answerFiles;
    private final ExceptionItemRepository exceptionItems;
    private final JdbcLedger ledger;
    private final ReferenceData reference;
    private final long runId;
    private final FaultDrill faultDrill;
    private final EarlyAnswers answers;
    private final AnswerOutbox outbox;

    CustomsWriter(JdbcTemplate jdbc, JdbcLedger ledger, ReferenceData reference, long runId,
                  FaultDrill faultDrill, EarlyAnswers answers, AnswerOutbox outbox) {
        this.declarations = new DeclarationRepository(jdbc);
        this.answerFiles = new AnswerRepository(jdbc);
        this.exceptionItems = new ExceptionItemRepository(jdbc);
        this.ledger = ledger;
        this.reference = reference;
        this.runId = runId;
        this.faultDrill = faultDrill;
        this.answers = answers;
        this.outbox = outbox;
    }

    @Override
    public void write(Chunk<? extends ProcessedMessage> chunk) {
        DeclarationRepository.Chunk rows = declarations.chunk();
        ExceptionItemRepository.Copy exceptions = exceptionItems.copy();
        List<? extends ProcessedMessage> items = chunk.getItems();
        List<DeclarationOutcome> toPost = new ArrayList<>();
        List<ProcessedMessage> decided = new ArrayList<>(items.size());

        boolean[] claimed = claimNumbers(items);
        for (int position = 0; position < items.size(); position++) {
            ProcessedMessage pm = items.get(position);
            MessageItem item = pm.item();
            rows.messageResult(item.fileId(), item.index(), item.reference(), item.typeIdentifier(),
                    item.syntaxErrors().isEmpty());
            int seq = 0;
            for (SyntaxError e : item.syntaxErrors()) {
                rows.syntaxError(item.fileId(), item.index(), seq, e);
                exception(exceptions, item, seq++, ExceptionCategory.SYNTAX, null, ExceptionCategory.syntaxCode(e.code()),
                        ExceptionCategory.syntax(e.code(), e.text()));
            }
            if (item.uncheckedSegments() > 0) {
                String code = item.syntaxErrors().get(item.syntaxErrors().size() - 1).code();
                exception(exceptions, item, seq++, ExceptionCategory.SYNTAX, null, ExceptionCategory.syntaxCode(code),
                        "validation stopped at " + item.syntaxErrors().size() + " syntax errors, which are listed and "
                                + "answered; the " + item.uncheckedSegments() + " segment(s) after them were not checked");
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
            rows.declaration(item.fileId(), item.index(), item.kind(), outcome);
            int eseq = 0;
            for (ContentError e : outcome.errors()) {
                rows.declarationError(item.fileId(), item.index(), eseq++, e);
                exception(exceptions, item, seq++, ExceptionCategory.CONTENT, d.declarationNo(), e.code().code(),
                        ExceptionCategory.content(e.code().text(), e.detail(), e.pointer()));
            }
            if (outcome.accepted()) {
                toPost.add(outcome);
                Selection s = outcome.selection();
                if (s.channel() != Channel.GREEN) {
                    exceptions.addSelected(runId, item.fileId(), item.index(), seq++, ExceptionCategory.SELECTIVITY,
                            item.sender(), item.fileName(), item.reference(), d.declarationNo(),
                            ExceptionCategory.selectivityCode(s.channel()), ExceptionCategory.selectivity(s.channel()),
                            s.channel().name(), s.score(), s.hitsText());
                }
            }
        }
        rows.write();
        List<JournalEntry> entries = new ArrayList<>();
        for (DeclarationOutcome o : toPost) {
            String party = reference.partyByCustomsCode(o.declaration().importerCode())
                    .map(ReferenceData.Party::partyId).orElse(null);
            CustomsPostings.forAcceptedImport(o, party).ifPresent(entries::add);
        }
        ledger.postAll(entries, runId);
        exceptions.write();
        AnswerFiles.record(answerFiles, outbox.takeWritten()); // answers written since the last chunk
        answers.stage(decided);
        faultDrill.afterChunkWritten();
        org.edibatch.config.CrashPoints.reach("customs.chunk-written");
    }

    /**
     * Claims the numbers of the chunk's accepted declarations in one statement (see
     * {@link DeclarationRepository#claimNumbers}). Within the chunk the first occurrence wins, as it would one
     * by one.
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
        int n = first.size();
        String[] senders = new String[n];
        String[] numbers = new String[n];
        long[] fileIds = new long[n];
        int[] indexes = new int[n];
        for (int k = 0; k < n; k++) {
            int i = first.get(k);
            MessageItem item = items.get(i).item();
            Declaration d = items.get(i).outcome().declaration();
            senders[k] = d.sender();
            numbers[k] = d.declarationNo();
            fileIds[k] = item.fileId();
            indexes[k] = item.index();
        }
        boolean[] own = declarations.claimNumbers(senders, numbers, fileIds, indexes);
        for (int k = 0; k < n; k++) {
            claimed[first.get(k)] = own[k];
        }
        return claimed;
    }

    private void exception(ExceptionItemRepository.Copy rows, MessageItem item, int seq, ExceptionCategory category,
                           String declarationNo, String code, String text) {
        rows.add(runId, item.fileId(), item.index(), seq, category, item.sender(), item.fileName(), item.reference(),
                declarationNo, code, text);
    }
}
