package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the default embedded database (no datasource URL, data in HOME/pgdata), as on a server: a second run while
 * a night runs exits 4, {@code status} reads the night, and after the night's JVM is killed with SIGKILL (its
 * PostgreSQL outliving it) the retry stops the orphaned server, starts its own and resumes the night.
 */
@SlowTest
class EmbeddedDatabaseLockTest {

    private static String[] args(Path home, String... command) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of("--edibatch.home=" + home, "--edibatch.signature.required=false",
                "--edibatch.fixed-clock=2026-11-28T01:00:00Z", "--edibatch.chunk-size=4"));
        return a.toArray(new String[0]);
    }

    @Test
    void aSecondRunGetsTheLockCodeAndTheRetryAfterAKillResumes(@TempDir Path home) throws Exception {
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        List<String> first = new ArrayList<>(List.of(args(home, "run", "customs")));
        first.add("--edibatch.fault.crash-at=customs.after-chunk:2");
        Process night = Cli.startUntilCrashPoint(first.toArray(new String[0]));
        long postmaster = -1;
        try {
            Cli.Streams second = Cli.runApart(args(home, "run", "customs"));
            assertThat(second.code()).as(second.out() + second.err()).isEqualTo(ExitCodes.LOCKED);
            assertThat(second.out()).contains("another run holds the lock; nothing done");
            assertThat(second.err()).doesNotContain("\tat ").doesNotContain("could not lock");

            Cli.Streams status = Cli.runApart(args(home, "status"));
            assertThat(status.code()).as(status.out() + status.err()).isEqualTo(ExitCodes.OK);
            assertThat(status.out()).contains("a run is in progress").containsPattern("(?m)^1 +STARTED ");

            postmaster = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).strip());
        } finally {
            Cli.kill(night);
        }
        // SIGKILL gives the JVM no chance to stop the PostgreSQL it started
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("orphaned postmaster")
                .isEqualTo(Optional.of(true));

        Cli.Streams retry = Cli.runApart(args(home, "run", "customs"));
        assertThat(retry.code()).as(retry.out() + retry.err()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(retry.out()).contains("outlived the process that started it").contains("resuming run 1")
                .contains("run 1 completed: " + SampleSet.generate().size() + " file(s) claimed")
                .contains("balanced: yes");
        Optional<ProcessHandle> orphan = ProcessHandle.of(postmaster);
        if (orphan.isPresent()) {
            orphan.get().onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(home.resolve("pgdata/postmaster.pid")).as("the retry stopped the server it started")
                .doesNotExist();
    }
}
