package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLockKey;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Cli;
import org.edibatch.support.OwnPostgres;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults a night must survive: an Error in the JVM (OutOfMemoryError), the database killed in the middle of each
 * step, a full disk under the outbox or the home folder. Each must end the run with exit 3 quickly and with one
 * clear line, and the next run must resume and end exactly as a run that was never interrupted. The database is
 * a PostgreSQL of this test's own and the small disks are tmpfs mounts of its own: never the shared ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class FaultsTest {

    /** What "within seconds" means here, from the fault to the process gone. */
    private static final long ERROR_EXIT_SECONDS = 15;
    /** The brief's bound for a database lost mid-run: under 30 s to exit 3. */
    private static final long DATABASE_LOSS_EXIT_SECONDS = 30;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private OwnPostgres server;
    private RunSnapshot reference;

    private List<String> args(Path home, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "customs", "--edibatch.home=" + home,
                "--spring.datasource.url=" + db, "--edibatch.signature.required=false",
                "--edibatch.fixed-clock=2026-11-28T01:00:00Z", "--edibatch.chunk-size=4",
                "--logging.level.org.edibatch=WARN"));
        a.addAll(List.of(extra));
        return a;
    }

    private String freshDatabase() throws Exception {
        return server.freshDatabaseUrl("faults_" + DATABASES.incrementAndGet());
    }

    @BeforeAll
    void ownServerAndUninterruptedRun(@TempDir Path dir) throws Exception {
        server = OwnPostgres.start(dir.resolve("pgdata"));
        Path home = dir.resolve("home");
        String db = freshDatabase();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Cli.Result r = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        reference = RunSnapshot.of(db, home);
        assertThat(reference.ledger()).isNotEmpty();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "OutOfMemoryError at {0}")
    @ValueSource(strings = {"customs.chunk-written:3", "copy.open:6"})
    void anOutOfMemoryErrorEndsTheRunAtOnceAndTheNextRunResumesIt(String point, @TempDir Path home) throws Exception {
        String db = freshDatabase();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Process p = new ProcessBuilder(Cli.command(args(home, db, "--edibatch.fault.crash-at=" + point + ":out-of-memory")
                .toArray(new String[0]))).redirectErrorStream(true).start();
        Output out = Output.collect(p);
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the JVM ended after the Error:\n" + out).isTrue();
        double seconds = (System.nanoTime() - out.crashPointNanos) / 1e9;
        assertThat(p.exitValue()).as(out.toString()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(out.toString()).contains("CRASHPOINT " + point).contains("OutOfMemoryError")
                .contains("fatal error, the run ends now with exit 3");
        assertThat(out.afterCrashPoint()).as("one line after the Error, no trace").doesNotContain("\tat ");
        assertThat(seconds).as("seconds from the Error to exit 3").isLessThan(ERROR_EXIT_SECONDS);
        System.out.printf("OutOfMemoryError at %s: exit 3 after %.1f s, saying: %s%n", point, seconds,
                out.afterCrashPoint().strip());

        assertThat(lockIsFree(db)).as("the run lock was released").isTrue();
        Cli.Result rerun = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
        RunSnapshot.of(db, home).assertSameAs(reference);
    }

    @ParameterizedTest(name = "database killed at {0}")
    @ValueSource(strings = {"claim.registered:14", "customs.chunk-written:5", "answer.done:1",
            "finish.file-moved:13"}) // one point inside each step's transaction
    void theDatabaseKilledInAStepGivesExit3WithinSecondsAndTheRerunResumes(String point, @TempDir Path home)
            throws Exception {
        String db = freshDatabase();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Process p = new ProcessBuilder(Cli.command(args(home, db, "--edibatch.fault.crash-at=" + point + ":pause")
                .toArray(new String[0]))).redirectErrorStream(true).start();
        Output out = Output.collect(p);
        out.awaitCrashPoint(p);
        server.kill();
        long start = System.nanoTime();
        boolean ended;
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write('\n'); // the paused thread goes on, against a dead database
            } catch (IOException gone) {
                // another thread of the run (a second worker) met the dead database first: the run already ended
            }
            ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
        } finally {
            server.restart();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(ended).as("ended:\n" + out).isTrue();
        assertThat(p.exitValue()).as(out.toString()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(seconds).as("seconds from the database's loss to exit 3:\n" + out).isLessThan(DATABASE_LOSS_EXIT_SECONDS);
        assertThat(out.afterCrashPoint()).as("one line, no trace").contains("the database was lost, the run ends now")
                .doesNotContain("\tat ");
        System.out.printf("database killed at %s: exit 3 after %.1f s, saying: %s%n", point, seconds,
                out.afterCrashPoint().strip());

        Cli.Result rerun = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
        RunSnapshot.of(db, home).assertSameAs(reference);
    }

    /** A server that stops answering (hung, or the network gone) is noticed by the socket timeout. */
    @Test
    void aDatabaseThatStopsAnsweringGivesExit3WithinSecondsAndTheRerunResumes(@TempDir Path home) throws Exception {
        String db = freshDatabase();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        String point = "customs.chunk-written:5";
        Process p = new ProcessBuilder(Cli.command(args(home, db, "--edibatch.fault.crash-at=" + point + ":pause")
                .toArray(new String[0]))).redirectErrorStream(true).start();
        Output out = Output.collect(p);
        out.awaitCrashPoint(p);
        server.freeze();
        long start = System.nanoTime();
        boolean ended;
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write('\n');
            } catch (IOException gone) {
                // the other worker already gave up
            }
            ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
        } finally {
            server.thaw();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(ended).as("ended:\n" + out).isTrue();
        assertThat(p.exitValue()).as(out.toString()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(seconds).as("seconds from the database's silence to exit 3:\n" + out)
                .isLessThan(DATABASE_LOSS_EXIT_SECONDS);
        assertThat(out.afterCrashPoint()).contains("the database was lost, the run ends now").doesNotContain("\tat ");
        System.out.printf("database frozen at %s: exit 3 after %.1f s, saying: %s%n", point, seconds,
                out.afterCrashPoint().strip());

        Cli.Result rerun = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
        RunSnapshot.of(db, home).assertSameAs(reference);
    }

    @Test
    void aFullOutboxGivesExit3WithOneLineAndTheRerunAfterFreeingSpaceResumes(@TempDir Path home) throws Exception {
        fullDiskRun(home, home.resolve("outbox"));
    }

    @Test
    void aFullDiskUnderTheWorkFolderGivesExit3WithOneLineAndTheRerunAfterFreeingSpaceResumes(@TempDir Path dir)
            throws Exception {
        Path home = dir.resolve("home");
        fullDiskRun(home, home); // inbox and work must share a file system (claimed by an atomic move)
    }

    private void fullDiskRun(Path home, Path mountPoint) throws Exception {
        String db = freshDatabase();
        Files.createDirectories(mountPoint);
        mount(mountPoint, "size=4m");
        try {
            SampleSet.write(home.resolve("inbox"), SampleSet.generate());
            Path filler = mountPoint.resolve("filler");
            fill(filler);

            Cli.Streams full = Cli.runApart(args(home, db).toArray(new String[0]));
            String all = full.out() + full.err();
            assertThat(full.code()).as(all).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
            // the run's failure in one line: the step, the file and the reason
            List<String> reasons = full.out().lines().filter(l -> l.matches("run \\d+ FAILED: step \\w+: .*"))
                    .toList();
            assertThat(reasons).as(all).hasSize(1);
            assertThat(reasons.get(0)).contains(mountPoint.toString()).endsWith(": No space left on device");
            System.out.println("full disk under HOME/" + home.relativize(mountPoint) + ": " + reasons.get(0));

            Files.delete(filler);
            Cli.Result rerun = Cli.run(args(home, db).toArray(new String[0]));
            assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
            RunSnapshot.of(db, home).assertSameAs(reference);
        } finally {
            run("umount", "-l", mountPoint.toString());
        }
    }

    /** A small file system of the test's own (tmpfs); the test is skipped, saying why, where mounting is refused. */
    private static void mount(Path at, String options) throws Exception {
        Cli.Result r = run("mount", "-t", "tmpfs", "-o", options, "edibatch-faults", at.toString());
        Assumptions.assumeTrue(r.code() == 0, "this machine does not let the test mount a small tmpfs ("
                + r.output().strip() + "): the full-disk case cannot run here");
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            // full: what we wanted
        }
    }

    private static Cli.Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(p.exitValue(), out);
    }

    private static boolean lockIsFree(String db) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            boolean free = Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_lock(?)", Boolean.class,
                    RunLockKey.KEY));
            if (free) {
                jdbc.queryForObject("SELECT pg_advisory_unlock(?)", Boolean.class, RunLockKey.KEY);
            }
            return free;
        } finally {
            ds.destroy();
        }
    }

    /** A child's output, read as it comes (the child must never block on a full pipe). */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();
        private volatile int crashPointAt = -1;
        private volatile long crashPointNanos;

        static Output collect(Process p) {
            Output o = new Output();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("CRASHPOINT ")) {
                            o.crashPointNanos = System.nanoTime();
                            o.crashPointAt = o.text.length() + line.length() + 1;
                        }
                        o.text.append(line).append('\n');
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "child-output");
            t.setDaemon(true);
            t.start();
            return o;
        }

        void awaitCrashPoint(Process p) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (crashPointAt < 0 && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(crashPointAt).as("reached its crash point:\n" + text).isGreaterThanOrEqualTo(0);
        }

        String afterCrashPoint() {
            return crashPointAt < 0 ? text.toString() : text.substring(Math.min(crashPointAt, text.length()));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
