package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Cli;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of the decisions step: after a night of the sample set, officers reassess, refuse and release three
 * declarations; the next night is killed with SIGKILL inside the step and run again, and must end as a night never
 * interrupted: the same versions, postings, answers (bytes and records) and nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class DecisionCrashHarnessTest {

    private RunSnapshot reference;
    private List<String> referenceVersions;

    private static String[] args(Path home, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "customs", "--edibatch.home=" + home,
                "--spring.datasource.url=" + db, "--edibatch.signature.required=false",
                "--edibatch.fixed-clock=2026-11-28T01:00:00Z", "--edibatch.chunk-size=4", "--edibatch.intake.settle=0s",
                "--logging.level.org.edibatch=WARN"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    /** A night of the sample set, then the decisions as the console records them. */
    private static void nightAndDecisions(Path home, String db) throws Exception {
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Cli.Result r = Cli.run(args(home, db));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            decide(jdbc, "DH2611250002", "'REASSESS', '8471300000'"); // red gold, as laptops
            decide(jdbc, "DH2611250001", "'REFUSE', NULL");           // yellow tyres
            decide(jdbc, "DH2611250003", "'RELEASE', NULL");          // yellow watches
        } finally {
            ds.destroy();
        }
    }

    private static void decide(JdbcTemplate jdbc, String number, String kindAndHs) {
        assertThat(jdbc.update("INSERT INTO officer_decision (sender, declaration_no, file_id, msg_index, kind, hs_code, "
                + "reason, officer_subject, officer_serial, decided_at) SELECT sender, declaration_no, file_id, msg_index, "
                + kindAndHs + ", 'reviewed', 'CN=Kim Officer', '1a', TIMESTAMPTZ '2026-11-27 10:00:00Z' "
                + "FROM declaration WHERE declaration_no = ?", number)).isEqualTo(1);
    }

    private static List<String> versions(String db) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            return new JdbcTemplate(ds).queryForList("SELECT declaration_no || ' v' || version || ' ' || status || ' ' "
                    + "|| duty_krw || '+' || vat_krw FROM declaration_version ORDER BY 1", String.class);
        } finally {
            ds.destroy();
        }
    }

    @BeforeAll
    void uninterrupted(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        nightAndDecisions(home, db);
        Cli.Result r = Cli.run(args(home, db));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.OK);
        reference = RunSnapshot.of(db, home);
        referenceVersions = versions(db);
        // beside the sample set's own amendments: the gold reassessed as laptops (0 %: 97,895,000 KRW, VAT
        // 9,789,500) and the tyres refused
        assertThat(referenceVersions).contains("DH2611250002 v2 ACCEPTED 0+9789500", "DH2611250001 v2 REFUSED 0+0");
        assertThat(reference.answers()).filteredOn(a -> ((String) a.get("kind")).startsWith("CUSRES-D")).hasSize(2);
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"decisions.applied:1", "decisions.answer-written:1", "decisions.answer-written:2",
            "decisions.answered:1"})
    void killedAndRerunEndsLikeAnUninterruptedNight(String crashAt, @TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        nightAndDecisions(home, db);
        Process frozen = Cli.startUntilCrashPoint(args(home, db, "--edibatch.fault.crash-at=" + crashAt));
        Cli.kill(frozen);

        Cli.Result rerun = Cli.run(args(home, db));
        assertThat(rerun.code()).as(rerun.output()).isEqualTo(ExitCodes.OK);
        RunSnapshot.of(db, home).assertSameAs(reference);
        assertThat(versions(db)).isEqualTo(referenceVersions);
    }
}
