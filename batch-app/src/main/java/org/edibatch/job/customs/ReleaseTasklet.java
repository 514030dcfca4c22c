package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.release.MonthlyStatement;
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
 * now allow it (ReleaseRules) is recorded as released by this run, in the step's one transaction; only candidates
 * are read ({@link ReleaseRepository#unreleased}). The key (sender + number) makes a release once; the answer step
 * then writes the run's release notices. Then the monthly statements of the months ended.
 */
public class ReleaseTasklet implements Tasklet {

    private static final int RECORD_BATCH = 5_000;

    private final ReleaseRepository releases;
    private final Clock clock;
    private final EdiBatchProperties props;

    public ReleaseTasklet(EdiBatchProperties props, JdbcTemplate jdbc, Clock clock) {
        this.props = props;
        this.releases = new ReleaseRepository(jdbc);
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        List<ReleaseRepository.Release> now = new ArrayList<>();
        int[] recorded = {0};
        java.time.Instant at = clock.instant();
        // recorded a batch at a time as the candidates stream in: the heap stays flat however many are released
        releases.forEachUnreleased(runId, u -> {
            Optional<ReleaseRules.Basis> basis = ReleaseRules.decide(u.candidate());
            basis.ifPresent(b -> now.add(new ReleaseRepository.Release(u, b)));
            if (now.size() >= RECORD_BATCH) {
                recorded[0] += releases.record(now, runId, at);
                now.clear();
            }
        });
        recorded[0] += releases.record(now, runId, at);
        if (recorded[0] > 0) {
            releases.refreshStatistics();
        }
        contribution.incrementReadCount();
        contribution.incrementWriteCount(recorded[0]);
        CrashPoints.reach("release.recorded");
        statements(runId);
        return RepeatStatus.FINISHED;
    }

    /**
     * The monthly statements of the months ended before today not billed yet, each written into the importer's
     * outbox (named by its EDI id) and recorded once: a restart rewrites the same bytes before recording them.
     */
    private void statements(long runId) throws java.io.IOException {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        for (MonthlyStatement s : releases.unbilled(clock.getZone(), today.withDayOfMonth(1))) {
            java.nio.file.Path target = props.outbox().resolve(AnswerFiles.bounded(AtomicFiles.safeName(s.ediId())))
                    .resolve("STATEMENT_" + s.month() + "_" + AtomicFiles.safeName(s.importerCode()) + ".csv");
            String sha = AtomicFiles.write(target, out -> out.write(s.document()));
            AtomicFiles.syncDirectories(List.of(target.getParent()));
            CrashPoints.reach("release.statement-written");
            releases.recordStatement(s, runId, target.toString(), sha);
        }
    }
}
