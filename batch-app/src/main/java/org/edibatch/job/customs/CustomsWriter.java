package org.edibatch.job.customs;

import org.edibatch.answer.AnswerRepository;
import org.edibatch.customs.Amendments;
import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.Channel;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.customs.DeclarationRepository;
import org.edibatch.customs.ReferenceData;
import org.edibatch.customs.Selection;
import org.edibatch.db.DataFaults;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.ledger.CustomsPostings;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one chunk in the chunk's transaction: syntax results, declarations with their decisions, ledger
 * postings and exception items. Everything is keyed by (file, message index) or by an idempotency key, so
 * the chunk is either wholly there or wholly absent, and never twice. A message whose rows the database refuses
 * (a data fault) is refused alone, in the same transaction; a fault of the service fails the chunk.
 */
public class CustomsWriter implements ItemWriter<ProcessedMessage> {

    private static final Logger log = LoggerFactory.getLogger(CustomsWriter.class);

    private final DeclarationRepository declarations;
    private final AnswerRepository answerFiles;
    private final ExceptionItemRepository exceptionItems;
    private final JdbcLedger ledger;
    private final ReferenceData reference;
    private final long runId;
    private final FaultDrill faultDrill;
    private final EarlyAnswers answers;
    private final AnswerOutbox outbox;
    private final Amendments amendments;
    /** A savepoint in the chunk's transaction (nested), rolled back to when the database refuses a message. */
    private final TransactionTemplate savepoint;

    CustomsWriter(JdbcTemplate jdbc, JdbcLedger ledger, ReferenceData reference, long runId,
                  FaultDrill faultDrill, EarlyAnswers answers, AnswerOutbox outbox, CustomsRules rules,
                  PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.amendments = new Amendments(rules);
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
        List<? extends ProcessedMessage> items = chunk.getItems();
        List<ProcessedMessage> decided;
        try {
            decided = underSavepoint(items);
        } catch (RuntimeException e) {
            if (!DataFaults.isDataFault(e)) {
                throw e;
            }
            // The database refused a value of some message: find it by storing the messages one at a time, in
            // order, so that every other message ends as it would have in the chunk.
            log.warn("a chunk of {} message(s) could not be stored ({}); storing them one at a time", items.size(),
                    DataFaults.sqlState(e));
            decided = oneByOne(items);
        }
        AnswerFiles.record(answerFiles, outbox.takeWritten()); // answers written since the last chunk
        answers.stage(decided);
        faultDrill.afterChunkWritten();
        org.edibatch.config.CrashPoints.reach("customs.chunk-written");
    }

    /** Stores the messages under a savepoint of the chunk's transaction: refused, they leave nothing behind. */
    private List<ProcessedMessage> underSavepoint(List<? extends ProcessedMessage> items) {
        return savepoint.execute(status -> store(items));
    }

    /**
     * Each message under its own savepoint; one the database refuses is refused to its sender instead (0085 code 18
     * in CONTRL, C191 in an XML answer) with an exception line, and what could not be stored is left out of it.
     * Only a fault of the service (not a data fault) fails the chunk and the run.
     */
    private List<ProcessedMessage> oneByOne(List<? extends ProcessedMessage> items) {
        List<ProcessedMessage> decided = new ArrayList<>(items.size());
        for (ProcessedMessage pm : items) {
            List<ProcessedMessage> one = List.of(pm);
            try {
                decided.addAll(underSavepoint(one));
                continue;
            } catch (RuntimeException e) {
                String state = DataFaults.sqlState(e);
                if (state == null) {
                    throw e;
                }
                MessageItem item = pm.item();
                log.warn("message {} of file {} ({}) refused: the database refused to store it (SQLSTATE {})",
                        item.index(), item.fileId(), item.fileName(), state, e);
                one = List.of(StoringRefusal.refused(pm, state, false));
            }
            try {
                decided.addAll(underSavepoint(one));
            } catch (RuntimeException again) {
                String state = DataFaults.sqlState(again);
                if (state == null) {
                    throw again;
                }
                // even the refusal was refused (the culprit is among the values it keeps): the barest one
                decided.addAll(underSavepoint(List.of(StoringRefusal.refused(pm, state, true))));
            }
        }
        return decided;
    }

    /** Writes the rows of the messages in the current transaction; returns them with their final outcomes. */
    private List<ProcessedMessage> store(List<? extends ProcessedMessage> items) {
        DeclarationRepository.Chunk rows = declarations.chunk();
        ExceptionItemRepository.Copy exceptions = exceptionItems.copy();
        List<DeclarationOutcome> toPost = new ArrayList<>();
        List<ProcessedMessage> decided = new ArrayList<>(items.size());

        boolean[] claimed = claimNumbers(items);
        NumberStates states = numberStates(items);
        List<DeclarationRepository.Version> versions = new ArrayList<>();
        List<MessageItem> versionItems = new ArrayList<>();
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
            if (outcome.accepted() && outcome.function().amends()) {
                outcome = states.amend(outcome, item);
            } else if (outcome.accepted() && !claimed[position]) {
                outcome = outcome.asDuplicate();
            } else if (outcome.accepted()) {
                states.accepted(outcome, item);
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
                if (outcome.amendment() != null) {
                    versionItems.add(item);
                    exception(exceptions, item, seq++, ExceptionCategory.AMENDMENT, d.declarationNo(),
                            ExceptionCategory.amendmentCode(outcome.cancelled()), amendmentText(outcome));
                }
                Selection s = outcome.selection();
                if (s != null && s.channel() != Channel.GREEN) {
                    exceptions.addSelected(runId, item.fileId(), item.index(), seq++, ExceptionCategory.SELECTIVITY,
                            item.sender(), item.fileName(), item.reference(), d.declarationNo(),
                            ExceptionCategory.selectivityCode(s.channel()), ExceptionCategory.selectivity(s.channel()),
                            s.channel().name(), s.score(), s.hitsText());
                }
            }
        }
        rows.write();
        List<JournalEntry> entries = new ArrayList<>();
        int amended = 0;
        for (DeclarationOutcome o : toPost) {
            String party = party(o.declaration().importerCode());
            if (o.amendment() == null) {
                CustomsPostings.forAcceptedImport(o, party).ifPresent(entries::add);
                continue;
            }
            List<JournalEntry> posted = CustomsPostings.forAmendment(o, party,
                    party(o.amendment().previous().importerCode()));
            String entryKey = null;
            String reversalKey = null;
            for (JournalEntry e : posted) {
                if (e.idempotencyKey().endsWith(":reversal")) {
                    reversalKey = e.idempotencyKey();
                } else {
                    entryKey = e.idempotencyKey();
                }
            }
            entries.addAll(posted);
            MessageItem item = versionItems.get(amended++);
            versions.add(new DeclarationRepository.Version(item.fileId(), item.index(), runId, o, entryKey, reversalKey));
        }
        declarations.recordVersions(versions);
        ledger.postAll(entries, runId);
        exceptions.write();
        return decided;
    }

    private String party(String importerCode) {
        return reference.partyByCustomsCode(importerCode).map(ReferenceData.Party::partyId).orElse(null);
    }

    /** The exception line of an accepted amendment: the version, and the assessment before and after it. */
    private static String amendmentText(DeclarationOutcome o) {
        Amendments.State before = o.amendment().previous();
        java.math.BigDecimal after = o.assessment().totalTax();
        java.math.BigDecimal difference = after.subtract(before.totalTax());
        return (o.cancelled() ? "cancelled" : "replaced") + " version " + before.version() + " by version "
                + o.amendment().version() + ": customs value " + before.customsValue().toPlainString() + " -> "
                + o.assessment().customsValue().toPlainString() + " KRW, duty " + before.duty().toPlainString()
                + " -> " + o.assessment().duty().toPlainString() + ", VAT " + before.vat().toPlainString() + " -> "
                + o.assessment().vat().toPlainString() + ", " + (difference.signum() < 0 ? "to refund "
                + difference.negate().toPlainString() : "to pay " + difference.toPlainString()) + " KRW";
    }

    /**
     * The numbers the chunk's amendments touch: their state before the chunk (one query, none when the chunk has
     * no amendment), overlaid with what the chunk's own earlier messages did to them, in message order.
     */
    private NumberStates numberStates(List<? extends ProcessedMessage> items) {
        Set<DeclarationRepository.NumberKey> keys = new LinkedHashSet<>();
        for (ProcessedMessage pm : items) {
            DeclarationOutcome o = pm.outcome();
            if (o != null && o.accepted() && o.function().amends()) {
                keys.add(key(o));
            }
        }
        if (keys.isEmpty()) {
            return new NumberStates(keys, Map.of(), Set.of());
        }
        Map<DeclarationRepository.NumberKey, Amendments.State> found = declarations.states(keys);
        Set<DeclarationRepository.NumberKey> unknown = new LinkedHashSet<>(keys);
        unknown.removeAll(found.keySet());
        return new NumberStates(keys, found, declarations.claimedByOtherSenders(unknown, runId));
    }

    private static DeclarationRepository.NumberKey key(DeclarationOutcome o) {
        return new DeclarationRepository.NumberKey(o.declaration().sender(), o.declaration().declarationNo());
    }

    /** The states of the numbers a chunk's amendments touch, kept up to date as the chunk's messages apply. */
    private final class NumberStates {
        private final Set<DeclarationRepository.NumberKey> amended;
        private final Map<DeclarationRepository.NumberKey, Amendments.State> states;
        private final Set<DeclarationRepository.NumberKey> otherSenders;
        private final Map<DeclarationRepository.NumberKey, Amendments.State> overlay = new HashMap<>();

        NumberStates(Set<DeclarationRepository.NumberKey> amended,
                     Map<DeclarationRepository.NumberKey, Amendments.State> states,
                     Set<DeclarationRepository.NumberKey> otherSenders) {
            this.amended = amended;
            this.states = states;
            this.otherSenders = otherSenders;
        }

        /** An original accepted in this chunk: an amendment later in the chunk amends it. */
        void accepted(DeclarationOutcome original, MessageItem item) {
            if (!amended.isEmpty()) {
                DeclarationRepository.NumberKey key = key(original);
                if (amended.contains(key)) {
                    overlay.put(key, Amendments.after(original).withOriginal(item.fileId(), item.index()));
                }
            }
        }

        DeclarationOutcome amend(DeclarationOutcome proposed, MessageItem item) {
            DeclarationRepository.NumberKey key = key(proposed);
            Amendments.State current = overlay.containsKey(key) ? overlay.get(key) : states.get(key);
            DeclarationOutcome decided = amendments.decide(proposed, current, otherSenders.contains(key),
                    org.edibatch.xml.XmlDeclarationItem.EXPORT.equals(item.kind()));
            if (decided.accepted()) {
                overlay.put(key, Amendments.after(decided));
            }
            return decided;
        }
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
            if (o != null && o.accepted() && !o.function().amends()) { // an amendment claims no number
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
