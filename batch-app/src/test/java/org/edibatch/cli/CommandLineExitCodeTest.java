package org.edibatch.cli;

import org.edibatch.EdiBatchApplication;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLockKey;
import org.edibatch.samples.SampleSet;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit codes an operator's cron wrapper relies on, from a real JVM process. */
@SlowTest
class CommandLineExitCodeTest {

    private record Result(int code, String output) {
    }

    private static Result edibatch(Path home, String dbUrl, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EdiBatchApplication.class.getName()));
        cmd.addAll(List.of(args));
        cmd.add("--edibatch.home=" + home);
        cmd.add("--edibatch.signature.required=false");
        cmd.add("--edibatch.fixed-clock=2026-11-28T01:00:00Z");
        if (dbUrl != null) {
            cmd.add("--spring.datasource.url=" + dbUrl);
        }
        Path log = Files.createTempFile(Path.of("target"), "edibatch-cli", ".log");
        Process p = Cli.processOf(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(log));
    }

    @Test
    void usageAndHelp(@TempDir Path home) throws Exception {
        assertThat(edibatch(home, null).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(edibatch(home, null, "help").code()).isEqualTo(ExitCodes.OK);
        Result unknown = edibatch(home, TestDatabase.freshDatabaseUrl(), "frobnicate");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.output()).contains("unknown command");
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsWithTheRerunCode(@TempDir Path home) throws Exception {
        Result r = edibatch(home, "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres&connectTimeout=2", "run", "customs");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
    }

    @Test
    void aFailedRunExitsWithTheRerunCodeAndTheSameCommandResumesIt(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        SampleSet.write(home.resolve("inbox"), SampleSet.generate());
        Result failed = edibatch(home, db, "run", "customs", "--edibatch.chunk-size=4", "--edibatch.fault.fail-after-chunks=2");
        assertThat(failed.code()).as(failed.output()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        Result resumed = edibatch(home, db, "run", "customs", "--edibatch.chunk-size=4");
        assertThat(resumed.code()).as(resumed.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(resumed.output()).contains("resuming run 1").contains("balanced: yes");
        // the resumed run's closing line counts the whole run, not only what it did after the failure
        Matcher line = Pattern.compile("run 1 completed: (\\d+) file\\(s\\) claimed, "
                + "\\d+ refused whole; (\\d+) message\\(s\\) read = (\\d+) accepted \\+ (\\d+) rejected "
                + "\\+ (\\d+) refused")
                .matcher(resumed.output());
        assertThat(line.find()).as(resumed.output()).isTrue();
        assertThat(Integer.parseInt(line.group(1))).isEqualTo(SampleSet.generate().size());
        try (Connection c = DriverManager.getConnection(db);
             var rs = c.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM message_result) + "
                     + "(SELECT COALESCE(SUM(message_count), 0) FROM interchange WHERE status = 'REJECTED')")) {
            rs.next();
            assertThat(Integer.parseInt(line.group(2))).isEqualTo(rs.getInt(1)).isEqualTo(
                    Integer.parseInt(line.group(3)) + Integer.parseInt(line.group(4)) + Integer.parseInt(line.group(5)));
        }
        try (Connection c = DriverManager.getConnection(db);
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM journal_entry")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the sample set's entries: 43 of originals, 14 of the amend-* files").isEqualTo(57);
        }
    }

    @Test
    void aNightWhoseOnlyInputIsARefusedFileExitsWithTheRejectionCode(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        SampleSet.write(home.resolve("inbox"), Map.of("bad-not-edifact.txt",
                SampleSet.generate().get("bad-not-edifact.txt")));
        Result r = edibatch(home, db, "run", "nightly");
        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(r.output()).contains("completed: 1 file(s) claimed, 1 refused whole; 0 message(s) read");
    }

    @Test
    void aSecondRunWhileTheLockIsHeldExitsWithTheLockCode(@TempDir Path home) throws Exception {
        String db = TestDatabase.freshDatabaseUrl();
        // the first run: a session that holds the run lock, as a running job does
        try (Connection c = DriverManager.getConnection(db);
             PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, RunLockKey.KEY);
            ps.execute();
            Result second = edibatch(home, db, "run", "customs");
            assertThat(second.code()).as(second.output()).isEqualTo(ExitCodes.LOCKED);
            assertThat(second.output()).contains("another run holds the lock");
        }
    }
}
