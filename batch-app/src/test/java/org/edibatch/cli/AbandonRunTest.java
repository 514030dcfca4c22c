package org.edibatch.cli;

import org.edibatch.job.customs.FaultDrill;
import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code restart --abandon} gives a failed run up for a fresh night: files it never registered go back to the
 * inbox, registered ones are quarantined with a reason, nothing posted is undone or posted twice, and the next
 * run is a new one that takes the returned files.
 */
@SlowTest
class AbandonRunTest {

    private record Out(int code, String out) {
    }

    private static Out edibatch(TestApp app, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(err), args);
        return new Out(code, out + err.toString());
    }

    @Test
    void anAbandonedRunReturnsUnregisteredFilesQuarantinesTheOthersAndTheNextRunIsNew(@TempDir Path home)
            throws Exception {
        try (TestApp app = TestApp.start(home, "edibatch.fault.fail-after-chunks=2")) {
            Map<String, byte[]> samples = new TreeMap<>(SampleSet.generate());
            String late = samples.keySet().stream().filter(n -> n.startsWith("good")).findFirst().orElseThrow();
            byte[] lateBytes = samples.remove(late);
            SampleSet.write(app.inbox(), samples);
            JobExecution failed = app.runCustoms("night");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            app.bean(FaultDrill.class).disarm();
            long run = failed.getJobInstance().getInstanceId();
            // a file moved into the run's folder by a claim that died before registering it
            Path work = home.resolve("work/run-" + run);
            Files.writeString(work.resolve("1000.name"), "FILE\n" + late);
            Files.write(work.resolve("1000.in"), lateBytes);
            int entries = app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry", Integer.class);
            assertThat(entries).as("the failed run posted some chunks").isPositive();

            Out abandoned = edibatch(app, "restart", "--abandon");

            assertThat(abandoned.code()).as(abandoned.out()).isEqualTo(ExitCodes.OK);
            assertThat(abandoned.out()).contains("run " + run + " abandoned: 1 file(s) never registered returned")
                    .contains(samples.size() + " registered file(s) quarantined with a reason");
            assertThat(app.jdbc().queryForObject("SELECT status FROM batch_job_execution WHERE job_instance_id = ? "
                    + "ORDER BY job_execution_id DESC LIMIT 1", String.class, run)).isEqualTo("ABANDONED");
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM inbound_file WHERE run_id = ? "
                    + "AND state <> 'QUARANTINED'", Integer.class, run)).isZero();
            assertThat(home.resolve("work/run-" + run)).doesNotExist();
            try (Stream<Path> inbox = Files.list(app.inbox())) {
                assertThat(inbox.map(p -> p.getFileName().toString()).toList()).containsExactly(late);
            }
            List<Path> reasons;
            try (Stream<Path> q = Files.walk(home.resolve("quarantine"))) {
                reasons = q.filter(p -> p.toString().endsWith(".reason.txt")).toList();
            }
            assertThat(reasons).hasSize(samples.size());
            assertThat(Files.readString(reasons.get(0))).contains("reason: ABANDONED")
                    .contains("run " + run + " was abandoned by the operator");
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry", Integer.class))
                    .as("what was posted stays posted").isEqualTo(entries);

            assertThat(edibatch(app, "restart").out()).contains("no failed or interrupted run to resume");
            assertThat(edibatch(app, "restart", "--abandon").out()).contains("no failed or interrupted run to abandon");

            Out next = edibatch(app, "run", "customs");
            assertThat(next.code()).as(next.out()).isIn(ExitCodes.OK, ExitCodes.DONE_WITH_REJECTIONS);
            assertThat(next.out()).doesNotContain("resuming").contains("completed: 1 file(s) claimed, 0 refused whole");
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM journal_entry", Integer.class))
                    .isGreaterThan(entries);
        }
    }
}
