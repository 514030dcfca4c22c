package org.edibatch.job.customs;

import org.edibatch.config.CrashPoints;
import org.edibatch.release.ReleaseRepository;
import org.edibatch.release.ReleaseRules;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The release step (after payments, before answers): every declaration not released yet whose channel and payment
 * now allow it (ReleaseRules) is recorded as released by this run, in the step's one transaction. The key (sender
 * + number) makes a release once; the answer step then writes the run's release notices.
 */
public class ReleaseTasklet implements Tasklet {

    private final ReleaseRepository releases;
    private final Clock clock;

    public ReleaseTasklet(JdbcTemplate jdbc, Clock clock) {
        this.releases = new ReleaseRepository(jdbc);
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        List<ReleaseRepository.Unreleased> waiting = releases.unreleased();
        List<ReleaseRepository.Release> now = new ArrayList<>();
        for (ReleaseRepository.Unreleased u : waiting) {
            Optional<ReleaseRules.Basis> basis = ReleaseRules.decide(u.candidate());
            basis.ifPresent(b -> now.add(new ReleaseRepository.Release(u, b)));
        }
        contribution.incrementReadCount();
        contribution.incrementWriteCount(releases.record(now, runId, clock.instant()));
        CrashPoints.reach("release.recorded");
        return RepeatStatus.FINISHED;
    }
}
