package org.edibatch.job.payments;

import org.edibatch.config.CrashPoints;
import org.edibatch.customs.DeclarationRepository;
import org.edibatch.customs.ReferenceData;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.exceptions.ExceptionItemRepository;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.edibatch.ledger.PaymentPostings;
import org.edibatch.payment.LineRefusal;
import org.edibatch.payment.PaymentLine;
import org.edibatch.payment.PaymentMatch;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.payment.PaymentRules;
import org.edibatch.payment.Receivable;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.schemas.PaymentNumber;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a batch of advices in one transaction: each message's syntax outcome (for CONTRL), each line matched in
 * chunk order against the receivables as committed and as the chunk's earlier lines left them, its payment_line row
 * and, when it is not a plain payment, its exception line; each advice's posted lines as one entry per value date
 * (key {@code PAY:<bank>:<file>/<message>:<value date>}).
 */
final class PaymentWriter implements ItemWriter<AdviceBatch>, StepExecutionListener {

    private final JdbcTemplate jdbc;
    private final PaymentRepository payments;
    private final JdbcLedger ledger;
    private final BatchLookups lookups;
    private ReferenceSnapshot reference;
    private long runId;
    /**
     * What the last batch written changed: the receivables it paid (their state after it) and the transactions it
     * posted, by bank. The next batch's lookups may have read the database before that batch committed.
     */
    private Map<PaymentNumber.Key, Receivable> lastChanged = Map.of();
    private Map<String, Set<String>> lastPosted = Map.of();

    PaymentWriter(JdbcTemplate jdbc, PaymentRepository payments, JdbcLedger ledger, BatchLookups lookups) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.ledger = ledger;
        this.lookups = lookups;
    }

    /** The run and its reference data (the parties), once per step execution. */
    @Override
    public void beforeStep(StepExecution step) {
        runId = step.getJobExecution().getJobInstance().getInstanceId();
        reference = ReferenceSnapshot.read(jdbc);
        lookups.partyOf(this::party);
        lastChanged = Map.of();
        lastPosted = Map.of();
    }

    /** The release and finish steps join the night's lines: planned on statistics that know them. */
    @Override
    public org.springframework.batch.core.ExitStatus afterStep(StepExecution step) {
        if (step.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED && step.getWriteCount() > 0) {
            payments.refreshStatistics();
        }
        return null;
    }

    @Override
    public void write(Chunk<? extends AdviceBatch> batches) {
        List<AdviceItem> chunk = new ArrayList<>();
        for (AdviceBatch b : batches) {
            chunk.addAll(b.items());
        }
        DeclarationRepository.Chunk messages = new DeclarationRepository(jdbc).chunk();
        ExceptionItemRepository.Copy exceptions = new ExceptionItemRepository(jdbc).copy();
        // as committed when the batch was put together, then as the batch before left them (BatchLookups)
        Map<PaymentNumber.Key, Receivable> state = new HashMap<>();
        Map<String, Set<String>> known = new HashMap<>();
        for (AdviceBatch b : batches) {
            BatchLookups.Found found = found(b);
            state.putAll(found.receivables());
            found.known().forEach((bank, refs) -> known.computeIfAbsent(bank, k -> new HashSet<>()).addAll(refs));
        }
        state.putAll(lastChanged);
        lastPosted.forEach((bank, refs) -> known.computeIfAbsent(bank, k -> new HashSet<>()).addAll(refs));
        Map<PaymentNumber.Key, Receivable> changed = new HashMap<>();
        Map<String, Set<String>> postedNow = new HashMap<>();

        List<JournalEntry> entries = new ArrayList<>();
        List<PaymentRepository.LineRow> rows = new ArrayList<>();
        for (AdviceItem item : chunk) {
            int seq = 0;
            // a camt.054 notification is a message too: without its row the closing line counted it as unread
            messages.messageResult(item.fileId(), item.index(), item.reference(), item.typeIdentifier(),
                    item.errors().isEmpty());
            if (item.edifact()) {
                int eseq = 0;
                for (SyntaxError e : item.errors()) {
                    messages.syntaxError(item.fileId(), item.index(), eseq++, e);
                    exceptions.add(runId, item.fileId(), item.index(), seq++, ExceptionCategory.SYNTAX,
                            item.bankSender(), item.fileName(), item.reference(), null,
                            ExceptionCategory.syntaxCode(e.code()), ExceptionCategory.syntax(e.code(), e.text()));
                }
            }
            if (!item.accepted()) {
                continue;
            }
            String bankParty = party(reference.partyByEdiId(item.bankSender()));
            Set<String> seen = known.computeIfAbsent(item.bankSender(), b -> new HashSet<>());
            for (LineRefusal r : item.advice().refusals()) {
                rows.add(new PaymentRepository.LineRow(item.fileId(), item.index(), r.lineIndex(), runId,
                        item.bankSender(), null, null, null, null, null, PaymentMatch.Outcome.REFUSED.name(),
                        r.code(), null, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null));
                exceptions.add(runId, item.fileId(), item.index(), seq++, ExceptionCategory.PAYMENT,
                        item.bankSender(), item.fileName(), item.reference(), null, r.code(),
                        "line " + r.lineIndex() + " refused: " + r.text());
            }
            // an advice's posted credits are one entry per value date (PaymentPostings.forAdvice)
            Map<java.time.LocalDate, List<PaymentPostings.Credit>> posted = new LinkedHashMap<>();
            for (PaymentLine line : item.advice().lines()) {
                PaymentMatch m = PaymentRules.decide(line, line.transactionRef() != null
                        && seen.contains(line.transactionRef()), key -> Optional.ofNullable(state.get(key)));
                String entryKey = null;
                if (m.posted()) {
                    posted.computeIfAbsent(line.valueDate(), d -> new ArrayList<>())
                            .add(new PaymentPostings.Credit(line, m));
                    entryKey = PaymentPostings.adviceKey(item.bankSender(), item.fileId(), item.index(),
                            line.valueDate());
                    seen.add(line.transactionRef());
                    postedNow.computeIfAbsent(item.bankSender(), b -> new HashSet<>()).add(line.transactionRef());
                    if (m.applied().signum() > 0) {
                        PaymentNumber.Key key = PaymentNumber.parse(line.paymentReference()).orElseThrow();
                        Receivable after = m.declaration().afterPaying(m.applied());
                        state.put(key, after);
                        changed.put(key, after);
                    }
                }
                Receivable r = m.declaration();
                rows.add(new PaymentRepository.LineRow(item.fileId(), item.index(), line.lineIndex(), runId,
                        item.bankSender(), line.transactionRef(), line.paymentReference(), line.amount(),
                        line.currency(), line.valueDate(), m.outcome().name(),
                        m.code() == null ? null : m.code().code(), r == null ? null : r.sender(),
                        r == null ? null : r.declarationNo(), m.applied(), m.refund(), m.suspense(), entryKey));
                if (m.code() != null) {
                    exceptions.add(runId, item.fileId(), item.index(), seq++, ExceptionCategory.PAYMENT,
                            item.bankSender(), item.fileName(), item.reference(), r == null ? null : r.declarationNo(),
                            m.code().code(), ExceptionCategory.payment(m.code().text(), item.bankSender(),
                                    line.transactionRef(), line.paymentReference()));
                }
            }
            posted.forEach((valueDate, credits) -> entries.add(PaymentPostings.forAdvice(item.bankSender(), bankParty,
                    item.fileId(), item.index(), item.reference(), valueDate, credits)));
        }
        messages.write();
        ledger.postAll(entries, runId);
        payments.record(rows);
        exceptions.write();
        lastChanged = changed;
        lastPosted = postedNow;
        CrashPoints.reach("payments.chunk-written");
    }

    private static BatchLookups.Found found(AdviceBatch b) {
        try {
            return b.lookups().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up a batch's receivables", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private String party(String customsCode) {
        return party(reference.partyByCustomsCode(customsCode));
    }

    private static String party(Optional<ReferenceData.Party> p) {
        return p.map(ReferenceData.Party::partyId).orElse(null);
    }
}
