package org.edibatch.job.payments;

import org.edibatch.config.CrashPoints;
import org.edibatch.customs.ReferenceData;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.edibatch.ledger.PaymentPostings;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.payment.Receivable;
import org.edibatch.refdata.ReferenceSnapshot;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves to refunds payable the credit balance of every declaration that this run's replacements or cancellations
 * left owing less than was paid on it (Dr 1100 / Cr 2150, key {@code REFUND:<sender>:<number>:v<version>}). A
 * replacement that raises the tax needs nothing: its receivable is open again by the difference. One transaction;
 * a restart finds the moves already made.
 */
final class RefundTasklet implements Tasklet {

    private final JdbcTemplate jdbc;
    private final JdbcLedger ledger;
    private final Clock clock;

    RefundTasklet(JdbcTemplate jdbc, JdbcLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        ReferenceSnapshot reference = ReferenceSnapshot.read(jdbc);
        PaymentRepository payments = new PaymentRepository(jdbc);
        List<Receivable> balances = payments.creditBalances(runId, code -> reference.partyByCustomsCode(code)
                .map(ReferenceData.Party::partyId).orElse(null));
        LocalDate today = LocalDate.now(clock);
        List<JournalEntry> entries = new ArrayList<>();
        for (Receivable r : balances) {
            JournalEntry e = PaymentPostings.forRefund(r, r.creditBalance(), today);
            entries.add(e);
            payments.recordRefund(r, r.creditBalance(), runId, e.idempotencyKey());
        }
        ledger.postAll(entries, runId);
        contribution.incrementWriteCount(entries.size());
        CrashPoints.reach("refunds.done");
        return RepeatStatus.FINISHED;
    }
}
