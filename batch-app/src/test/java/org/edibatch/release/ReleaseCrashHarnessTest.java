package org.edibatch.release;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of the release step and the release notices, as CrashHarnessTest for the rest of the night: killed
 * with SIGKILL at their points and run again, the night ends as an uninterrupted one (releases, notices, every file),
 * each release recorded and notified once. The load is the sample set and two brokers' files for HANUL, an importer
 * on monthly payment (released unpaid): two notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ReleaseCrashHarnessTest {

    private RunSnapshot reference;
    private List<Map<String, Object>> referenceReleases;

    private static List<String> args(Path home, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "customs", "--edibatch.home=" + home,
                "--spring.datasource.url=" + db, "--edibatch.signature.required=false",
                "--edibatch.fixed-clock=2026-11-28T01:00:00Z", "--edibatch.chunk-size=4", "--edibatch.intake.settle=0s",
                "--logging.level.org.edibatch=WARN"));
        a.addAll(List.of(extra));
        return a;
    }

    private static void load(Path home) throws Exception {
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Files.write(home.resolve("inbox/monthly.edi"), Interchange.from("DAEHANCB", "MONTHLY1")
                .message(Cusdec.declaration("HM2611250001").importer("HANULM000777", "HANUL MONTHLY TRADERS")
                        .declarant("DAEHANCB0001").item("6109100000", "CN", "100", "PCE", "1000.00"))
                .message(Cusdec.declaration("HM2611250002").importer("HANULM000777", "HANUL MONTHLY TRADERS")
                        .declarant("DAEHANCB0001").item("6109100000", "CN", "10", "PCE", "100.00"))
                .bytes());
        Files.write(home.resolve("inbox/monthly-2.edi"), Interchange.from("MIRAECS", "MONTHLY2")
                .message(Cusdec.declaration("HM2611250003").importer("HANULM000777", "HANUL MONTHLY TRADERS")
                        .declarant("MIRAECS00002").item("6109100000", "CN", "50", "PCE", "500.00"))
                .bytes());
    }

    private static List<Map<String, Object>> releases(String db) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("SELECT sender, declaration_no, "
                    + "file_id, msg_index, basis, channel, tax_due, run_id, released_at FROM declaration_release "
                    + "ORDER BY sender, declaration_no"));
            rows.addAll(jdbc.queryForList("SELECT run_id, sender, format, sha256 FROM release_notice "
                    + "ORDER BY run_id, sender, format"));
            return rows;
        } finally {
            ds.destroy();
        }
    }

    @BeforeAll
    void uninterruptedRun(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        load(home);
        Cli.Result r = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        reference = RunSnapshot.of(db, home);
        referenceReleases = releases(db);
        assertThat(referenceReleases).as("releases and their notices, one per sender")
                .anyMatch(m -> "MONTHLY".equals(m.get("basis")))
                .filteredOn(m -> m.containsKey("format")).hasSize(2);
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"release.recorded:1", "release.notice-written:1", "release.notice-written:2"})
    void killedAndRerunEndsLikeAnUninterruptedRun(String crashAt, @TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        load(home);
        Process frozen = Cli.startUntilCrashPoint(args(home, db, "--edibatch.fault.crash-at=" + crashAt)
                .toArray(new String[0]));
        Cli.kill(frozen);
        Cli.Result rerun = Cli.run(args(home, db).toArray(new String[0]));
        assertThat(rerun.code()).as(rerun.output()).isIn(ExitCodes.DONE_WITH_REJECTIONS, ExitCodes.OK);
        RunSnapshot.of(db, home).assertSameAs(reference);
        assertThat(releases(db)).isEqualTo(referenceReleases);
    }
}
