package org.edibatch.job.customs.remote;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Cli;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Remote mode end to end on this machine: a manager JVM and worker JVMs of one thread each, the real RabbitMQ and
 * PostgreSQL; what the run leaves behind must equal a local run's, byte for byte, also when a worker is killed in
 * the middle of a partition and the run is rerun. Each test has a queue of its own, so none sees another's
 * requests. Skipped, saying why, when no broker listens on 127.0.0.1:5672 (.ci/run says so too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class RemoteWorkersTest {

    /** edibatch.workers.partitions by default. */
    private static final int PARTITIONS = 8;

    private RunSnapshot reference;
    private final List<Process> workers = new ArrayList<>();

    static boolean brokerReachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> args(String command, Path home, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of(command.split(" ")));
        a.addAll(List.of("--edibatch.home=" + home, "--spring.datasource.url=" + db,
                "--edibatch.signature.required=false", "--edibatch.fixed-clock=2026-11-28T01:00:00Z",
                "--edibatch.chunk-size=4", "--edibatch.intake.settle=0s", "--edibatch.threads=1",
                "--logging.level.org.edibatch=WARN"));
        a.addAll(List.of(extra));
        return a;
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @BeforeAll
    void localRun(@TempDir Path home) throws Exception {
        assumeTrue(brokerReachable(), "RabbitMQ is not reachable at 127.0.0.1:5672: remote worker tests skipped");
        String db = TestDatabase.freshDatabaseUrl();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        // local mode never touches a broker: one that cannot be reached changes nothing
        Cli.Result r = Cli.run(args("run customs", home, db, "--spring.rabbitmq.port=1").toArray(new String[0]));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        reference = RunSnapshot.of(db, home);
        assertThat(reference.ledger()).isNotEmpty();
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (Process p : workers) {
            if (p.isAlive()) {
                Cli.kill(p);
            }
        }
        workers.clear();
    }

    /** A worker JVM, its output drained (and kept) so it never blocks. */
    private Process worker(Path home, String db, String queue, StringBuffer log, String... extra) throws Exception {
        List<String> a = args("worker", home, db, extra);
        a.add("--edibatch.workers.queue=" + queue);
        a.add("--logging.level.org.edibatch.job.customs.remote=INFO"); // a line per partition run or dropped
        Process p = Cli.process(a.toArray(new String[0])).redirectErrorStream(true).start();
        workers.add(p);
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                }
            } catch (Exception ignored) {
                // killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    private static void awaitLine(StringBuffer log, String text, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!log.toString().contains(text)) {
            assertThat(p.isAlive()).as("worker alive; its output:\n" + log).isTrue();
            assertThat(System.nanoTime()).as("'" + text + "' within 180 s; output:\n" + log).isLessThan(end);
            Thread.sleep(200);
        }
    }

    @Test
    void aManagerAndTwoWorkersEndLikeALocalRun(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        String queue = "edibatch.test." + UUID.randomUUID();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        StringBuffer log1 = new StringBuffer();
        StringBuffer log2 = new StringBuffer();
        Process w1 = worker(home, db, queue, log1);
        Process w2 = worker(home, db, queue, log2);

        Cli.Result r = Cli.run(args("run customs", home, db, "--workers=remote", "--edibatch.workers.queue=" + queue,
                "--edibatch.workers.poll-interval=200ms", "--edibatch.workers.timeout=3m").toArray(new String[0]));

        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        RunSnapshot.of(db, home).assertSameAs(reference);
        // every partition ran on a worker, none in the manager
        assertThat(count(log1 + "\n" + log2, "ended COMPLETED")).as(log1 + "\n" + log2).isEqualTo(PARTITIONS);
        // SIGTERM: each worker stops taking partitions and ends
        w1.destroy();
        w2.destroy();
        assertThat(w1.waitFor(60, TimeUnit.SECONDS)).as("worker 1 stopped on SIGTERM:\n" + log1).isTrue();
        assertThat(w2.waitFor(60, TimeUnit.SECONDS)).as("worker 2 stopped on SIGTERM:\n" + log2).isTrue();
    }

    @Test
    void aWorkerKilledInAPartitionFailsTheRunWithinTheTimeoutAndTheRerunEndsLikeALocalRun(@TempDir Path home)
            throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        String queue = "edibatch.test." + UUID.randomUUID();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        StringBuffer doomedLog = new StringBuffer();
        Process doomed = worker(home, db, queue, doomedLog, "--edibatch.fault.crash-at=customs.chunk-written:2");
        awaitLine(doomedLog, "worker: taking customs partitions", doomed);

        List<String> manager = args("run customs", home, db, "--workers=remote", "--edibatch.workers.queue=" + queue,
                "--edibatch.workers.poll-interval=200ms", "--edibatch.workers.timeout=40s",
                "--edibatch.workers.stale-after=20s");
        Process run = Cli.process(manager.toArray(new String[0])).redirectErrorStream(true).start();
        awaitLine(doomedLog, "CRASHPOINT customs.chunk-written:2", doomed);
        // a worker that starts after the run began still takes the partitions left
        StringBuffer lateLog = new StringBuffer();
        worker(home, db, queue, lateLog);
        Cli.kill(doomed);

        long started = System.nanoTime();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("manager ended").isTrue();
        assertThat(run.exitValue()).as(out).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("failed within the timeout")
                .isLessThan(100);
        assertThat(out).contains("run the same command again to resume it");

        Cli.Result rerun = Cli.run(manager.toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output() + "\nlate worker:\n" + lateLog).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(rerun.output()).contains("resuming run");
        // the killed worker's request came back to the queue and was dropped, not run a second time at once
        assertThat(lateLog.toString()).contains("dropped: partition is ");
        // every partition completed once, by whichever worker: the killed one may have finished some before its crash
        assertThat(count(doomedLog + "\n" + lateLog, "ended COMPLETED")).as(doomedLog + "\n" + lateLog)
                .isEqualTo(PARTITIONS);
        RunSnapshot.of(db, home).assertSameAs(reference);
    }

    /**
     * The manager killed while a worker runs its partition: the rerun (the run lock is free) waits until the workers
     * are idle rather than send the partitions again, so none runs twice at once; the worker completes every
     * partition of the run meanwhile, and the rerun ends it like a local run.
     */
    @Test
    void aRerunAfterTheManagerWasKilledWaitsForThePartitionsStillRunning(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        String queue = "edibatch.test." + UUID.randomUUID();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        StringBuffer workerLog = new StringBuffer();
        // the worker stops in its second chunk until it reads a line: its partition is running, and stays so
        Process worker = worker(home, db, queue, workerLog, "--edibatch.fault.crash-at=customs.chunk-written:2:pause");
        awaitLine(workerLog, "worker: taking customs partitions", worker);
        List<String> manager = args("run customs", home, db, "--workers=remote", "--edibatch.workers.queue=" + queue,
                "--edibatch.workers.poll-interval=200ms", "--edibatch.workers.timeout=3m",
                "--edibatch.workers.stale-after=90s");
        Process first = Cli.process(manager.toArray(new String[0])).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitLine(workerLog, "CRASHPOINT customs.chunk-written:2", worker);
        Cli.kill(first);

        StringBuffer rerunLog = new StringBuffer();
        Process rerun = Cli.process(manager.toArray(new String[0])).redirectErrorStream(true).start();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(rerun.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    rerunLog.append(line).append('\n');
                }
            } catch (Exception ignored) {
                // ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
        while (!rerunLog.toString().contains("still running on workers; waiting")) {
            assertThat(rerun.isAlive()).as("rerun waiting; its output:\n" + rerunLog).isTrue();
            assertThat(System.nanoTime()).as("rerun waiting within 80 s; output:\n" + rerunLog).isLessThan(end);
            Thread.sleep(200);
        }
        assertThat(rerunLog.toString()).doesNotContain("resuming run");
        // the worker goes on: it ends its partition and takes the run's others, which the killed manager had sent
        worker.getOutputStream().write('\n');
        worker.getOutputStream().flush();

        assertThat(rerun.waitFor(240, TimeUnit.SECONDS)).as("rerun ended; output:\n" + rerunLog).isTrue();
        drain.join(10_000);
        assertThat(rerun.exitValue()).as(rerunLog + "\nworker:\n" + workerLog)
                .isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(rerunLog.toString()).contains("the workers are idle; resuming").contains("resuming run");
        // every partition ran once, on the worker, none of them sent again
        assertThat(count(workerLog.toString(), "ended COMPLETED")).as(workerLog.toString()).isEqualTo(PARTITIONS);
        assertThat(workerLog.toString()).doesNotContain("dropped");
        RunSnapshot.of(db, home).assertSameAs(reference);
    }

    @Test
    void remoteModeOnTheEmbeddedDatabaseIsRefusedBeforeAnythingStarts(@TempDir Path home) throws Exception {
        Cli.Result r = Cli.run("run", "customs", "--workers=remote", "--edibatch.home=" + home);
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.output()).contains("needs a shared PostgreSQL (spring.datasource.url)");
        assertThat(home.resolve("pgdata")).doesNotExist();
    }
}
