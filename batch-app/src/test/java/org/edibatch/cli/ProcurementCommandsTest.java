package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator gets from the procurement commands: the exit code and the one line that explains it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SlowTest
class ProcurementCommandsTest {

    private TestApp app;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        app = TestApp.start(home);
        Path bids = Files.createDirectories(home.resolve("procurement/bids-inbox"));
        Files.writeString(bids.resolve("not-a-bid.xml"), "<notABid/>");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private record Outcome(int code, String output, String errors) {
    }

    private Outcome run(String... words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(err), words);
        return new Outcome(code, out.toString(), err.toString());
    }

    private int inboundFiles() {
        return app.jdbc().queryForObject("SELECT COUNT(*) FROM inbound_file", Integer.class);
    }

    @Test
    @Order(1)
    void anUnknownFormIsAUsageErrorThatRunsNothing() {
        Outcome o = run("run", "bid-opening", "T1", "T2");
        assertThat(o.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.output()).isEmpty();
        assertThat(o.errors().lines()).containsExactly(
                "edibatch run bid-opening: Unmatched argument at index 3: 'T2'", "try 'edibatch help'");
        assertThat(inboundFiles()).isZero();
    }

    @Test
    @Order(2)
    void nothingRunsWhileAnotherRunHoldsTheLock() throws Exception {
        try (RunLock held = RunLock.tryAcquire(app.bean(DataSource.class))) {
            assertThat(held).isNotNull();
            Outcome o = run("run", "bid-intake");
            assertThat(o.code()).isEqualTo(ExitCodes.LOCKED);
            assertThat(o.output()).contains("another run holds the lock");
        }
        assertThat(inboundFiles()).isZero();
    }

    @Test
    @Order(3)
    void withoutTrustAnchorsNothingStartsAndTheSameCommandRunsOnceTheyAreThere() throws Exception {
        for (String[] command : List.of(new String[] {"run", "bid-intake"}, new String[] {"run", "bid-opening"})) {
            Outcome failed = run(command);
            assertThat(failed.code()).as(failed.output()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
            assertThat(failed.errors().lines()).as("one line").hasSize(1).first().asString()
                    .startsWith("edibatch: unusable environment: ")
                    .contains(app.home().resolve("pki/trust").toString());
            assertThat(inboundFiles()).isZero();
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM batch_job_execution", Integer.class))
                    .as("nothing started in the job repository").isZero();
        }

        // the operator installs the trust anchors (HOME/pki) and runs the same command
        DemoPki.create(app.home().resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        Outcome resumed = run("run", "bid-intake");
        assertThat(resumed.code()).as(resumed.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(resumed.output())
                .containsPattern("run \\d+ completed: [1-9]\\d* line\\(s\\) in the exception file; "
                        + "1 file\\(s\\) claimed, 1 refused whole");
        assertThat(inboundFiles()).isEqualTo(1);

        Outcome again = run("run", "bid-intake"); // same clock instant: the same run
        assertThat(again.code()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(again.output()).contains("already completed; nothing to do");
        assertThat(inboundFiles()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anOpeningWithNothingDueEndsClean() throws Exception {
        Outcome o = run("run", "bid-opening");
        assertThat(o.code()).as(o.output()).isEqualTo(ExitCodes.OK);
        assertThat(o.output()).contains("completed: 0 line(s) in the exception file");
    }
}
