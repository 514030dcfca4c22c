package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Cli;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety: the nightly command is killed with SIGKILL at points spread over every step, then run
 * again as an operator would; the end state (ledger, decisions, exception items, answers, archived and
 * quarantined files, reports) must equal that of a run that was never interrupted, and verify-ledger must find
 * nothing to report (the ledger's hash chain is compared by verify-ledger, not across the two runs: entry ids, which
 * order the chain, depend on how the partitions' commits interleaved).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class CrashHarnessTest {

    private RunSnapshot reference;

    private static List<String> args(Path home, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "customs", "--edibatch.home=" + home,
                "--spring.datasource.url=" + db, "--edibatch.signature.required=false",
                "--edibatch.fixed-clock=2026-11-28T01:00:00Z", "--edibatch.chunk-size=4", "--edibatch.intake.settle=0s",
                "--logging.level.org.edibatch=WARN"));
        a.addAll(List.of(extra));
        return a;
    }

    /** What verify-ledger finds: nothing, however the run was interrupted. */
    private static void ledgerVerifies(String db) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            VerifyLedgerCommand.Result r = VerifyLedgerCommand.verify(new JdbcTemplate(ds),
                    new DataSourceTransactionManager(ds), Clock.systemUTC());
            assertThat(r.findings().count()).as("verify-ledger:\n" + r.findings().text()).isZero();
            assertThat(r.ledger().unsealed()).as("entries not sealed").isZero();
            assertThat(r.files()).as("archived and quarantined files checked").isPositive();
        } finally {
            ds.destroy();
        }
    }

    @BeforeAll
    void uninterruptedRun(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Cli.Result r = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        reference = RunSnapshot.of(db, home);
        assertThat(reference.ledger()).isNotEmpty();
        ledgerVerifies(db);
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {
            "claim.moved:1", "claim.moved:13", "claim.registered:1", "claim.registered:14", "claim.registered:26",
            "customs.open:1", "customs.chunk-written:1", "customs.chunk-written:5", "customs.after-chunk:2",
            "customs.after-chunk:7", "customs.chunk-written:11",
            "payments.open:1", "refunds.done:1", // the sample set has no bank file: PaymentsCrashHarnessTest
            "release.recorded:1",
            "answer.file-written:1", "answer.file-written:9", "answer.file-written:22", "answer.done:1",
            "seal.done:1",
            "finish.file-moved:1", "finish.file-moved:13", "finish.file-moved:26", "finish.reports-written:1",
            "job.completed:1",
    })
    void killedAndRerunEndsLikeAnUninterruptedRun(String crashAt, @TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Process frozen = Cli.startUntilCrashPoint(args(home, db, "--edibatch.fault.crash-at=" + crashAt).toArray(new String[0]));
        Cli.kill(frozen);

        Cli.Result rerun = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
        if (crashAt.startsWith("job.completed")) {
            // the killed run had finished: the rerun is a new, empty run; its own empty report is not compared
            deleteRunFolder(home.resolve("reports/run-2"));
        }
        RunSnapshot.of(db, home).assertSameAs(reference);
        ledgerVerifies(db);
    }

    @Test
    void aNightlyRunStartedWhileAnotherRunsExitsWithTheLockCode(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Process first = Cli.startUntilCrashPoint(args(home, db, "--edibatch.fault.crash-at=customs.after-chunk:1")
                .toArray(new String[0]));
        try {
            List<String> nightly = new ArrayList<>(args(home, db));
            nightly.set(1, "nightly"); // what cron starts: "run nightly"
            Cli.Result second = Cli.run(nightly.toArray(new String[0]));
            assertThat(second.code()).as(second.output()).isEqualTo(ExitCodes.LOCKED);
            assertThat(second.output()).contains("another run holds the lock");
        } finally {
            Cli.kill(first);
        }
    }

    private static void deleteRunFolder(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
