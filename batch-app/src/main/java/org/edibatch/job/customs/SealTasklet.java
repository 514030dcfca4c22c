package org.edibatch.job.customs;

import org.edibatch.config.CrashPoints;
import org.edibatch.ledger.LedgerRepository;
import org.edibatch.ledger.LedgerSealer;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * Seals the ledger at the end of a job that posts (customs, bid opening): see {@link LedgerSealer}. The seal and
 * what its check found commit with the step; the command that ran the job reports the findings (exit 5).
 */
public class SealTasklet implements Tasklet {

    private final LedgerSealer sealer;

    public SealTasklet(JdbcTemplate jdbc, Clock clock) {
        this.sealer = new LedgerSealer(new LedgerRepository(jdbc), clock);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        LedgerSealer.Result sealed = sealer.seal(runId);
        contribution.incrementWriteCount(sealed.entries());
        CrashPoints.reach("seal.done");
        return RepeatStatus.FINISHED;
    }
}
