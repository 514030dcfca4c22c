package org.edibatch.job.customs;

import org.edibatch.samples.SampleSet;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails part-way (a fault injected after some chunks, before that chunk commits) and is then
 * restarted must end exactly where an uninterrupted run over the same input ends: same ledger, same
 * answers, same files in the same folders, same exception items.
 */
@SlowTest
class CustomsRestartTest {

    @Test
    void interruptedAndRestartedRunEqualsUninterruptedRun(@TempDir Path a, @TempDir Path b) throws Exception {
        RunSnapshot reference;
        try (TestApp app = TestApp.start(a)) {
            SampleSet.write(app.inbox(), SampleSet.generate());
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            reference = RunSnapshot.of(app.jdbc(), app.home());
        }

        RunSnapshot resumed;
        try (TestApp app = TestApp.start(b, "edibatch.fault.fail-after-chunks=3", "edibatch.threads=1")) {
            SampleSet.write(app.inbox(), SampleSet.generate());
            JobExecution failed = app.runCustoms("night");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            int committedBeforeCrash = app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result", Integer.class);
            assertThat(committedBeforeCrash).as("three chunks of four committed").isEqualTo(12);

            app.bean(FaultDrill.class).disarm();
            JobExecution restarted = app.restart(failed);
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            StepExecution customs = restarted.getStepExecutions().stream()
                    .filter(s -> s.getStepName().equals("customs")).findFirst().orElseThrow();
            int total = app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result", Integer.class);
            assertThat(customs.getReadCount()).as("resumed after the last commit").isEqualTo(total - committedBeforeCrash);
            resumed = RunSnapshot.of(app.jdbc(), app.home());
        }

        resumed.assertSameAs(reference);
        assertThat(reference.ledger()).isNotEmpty();
    }
}
