package org.edibatch.cli;

import org.edibatch.job.customs.FaultDrill;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executions left running by a process that is gone (killed, or a step that died before recording its end)
 * never wedge the run: under the run lock the next {@code run customs} marks them failed, says so, and resumes.
 */
@SlowTest
@ExtendWith(OutputCaptureExtension.class)
class StaleExecutionRecoveryTest {

    /**
     * @param killed true: the job and its steps as a SIGKILL leaves them (STARTED); false: the job failed but one
     *               partition stayed STARTING, as a worker that failed before its chunk step started left it
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRunLeftRunningIsMarkedFailedAndResumed(boolean killed, @TempDir Path home, CapturedOutput log)
            throws Exception {
        try (TestApp app = TestApp.start(home, "edibatch.fault.fail-after-chunks=2")) {
            SampleSet.write(app.inbox(), SampleSet.generate());
            JobExecution failed = app.runCustoms("night");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            app.bean(FaultDrill.class).disarm();

            JobRepository repository = app.bean(JobRepository.class);
            JobExecution e = repository.getLastJobExecution(failed.getJobInstance());
            StepExecution partition = e.getStepExecutions().stream()
                    .filter(s -> s.getStepName().startsWith("customsWorker")).findFirst().orElseThrow();
            partition.setStatus(BatchStatus.STARTING);
            partition.setEndTime(null);
            repository.update(partition);
            if (killed) {
                StepExecution customs = e.getStepExecutions().stream()
                        .filter(s -> s.getStepName().equals("customs")).findFirst().orElseThrow();
                customs.setStatus(BatchStatus.STARTED);
                customs.setEndTime(null);
                repository.update(customs);
                e.setStatus(BatchStatus.STARTED);
                e.setEndTime(null);
                repository.update(e);
            }

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(err),
                    "run", "customs");

            assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
            long run = failed.getJobInstance().getInstanceId();
            assertThat(out.toString()).contains("run " + run + " was interrupted; marked failed to resume it")
                    .contains("resuming run " + run).contains("balanced: yes");
            assertThat(log.getOut()).contains("marked FAILED so that it can be resumed");
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM batch_step_execution"
                    + " WHERE status IN ('STARTING', 'STARTED', 'STOPPING')", Integer.class)).isZero();
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM batch_job_execution"
                    + " WHERE status IN ('STARTING', 'STARTED', 'STOPPING')", Integer.class)).isZero();
            // every claimed file processed: the same ledger as an uninterrupted run, and nothing left in work/
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry", Integer.class))
                    .as("the sample set's entries: 43 of originals, 14 of the amend-* files").isEqualTo(57);
            Path work = home.resolve("work/run-" + run);
            if (Files.exists(work)) {
                try (Stream<Path> left = Files.list(work)) {
                    assertThat(left.toList()).isEmpty();
                }
            }
            try (Stream<Path> inbox = Files.list(home.resolve("inbox"))) {
                assertThat(inbox.toList()).isEmpty();
            }
        }
    }
}
