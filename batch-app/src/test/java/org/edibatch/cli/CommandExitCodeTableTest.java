package org.edibatch.cli;

import org.edibatch.job.customs.FaultDrill;
import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import org.edibatch.samples.SampleSet;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command with every documented exit code it can give, each with its one line. The commands that need the
 * database run in-process against one application, in the order a night would bring the situations about (the
 * process's exit code is the command line's: CommandLineExitCodeTest); those that need none run in a child JVM.
 */
@SlowTest
class CommandExitCodeTableTest {

    private record Row(String args, int code, String says) {
    }

    private static String edibatch(TestApp app, Row row) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdiBatchCommandLine.execute(app.context(), new PrintWriter(out), new PrintWriter(err),
                row.args().split(" "));
        String all = out + err.toString();
        assertThat(code).as(row.args() + "\n" + all).isEqualTo(row.code());
        assertThat(all).as(row.args()).contains(row.says()).doesNotContain("\tat ");
        if (code == ExitCodes.USAGE) {
            assertThat(out.toString()).as(row.args()).isEmpty();
        }
        return all;
    }

    private static void table(TestApp app, Row... rows) {
        for (Row row : rows) {
            edibatch(app, row);
        }
    }

    @Test
    void theCommandsThatNeedTheDatabase(@TempDir Path home) throws Exception {
        try (TestApp app = TestApp.start(home, "edibatch.fault.fail-after-chunks=2")) {
            FaultDrill drill = app.bean(FaultDrill.class);
            drill.disarm();
            String usage = "try 'edibatch help'";
            table(app,
                    new Row("status", ExitCodes.OK, "no run in progress"),
                    new Row("status", ExitCodes.OK, "times in Asia/Seoul (edibatch.zone)"),
                    new Row("report", ExitCodes.OK, "no run yet"),
                    new Row("restart", ExitCodes.OK, "no failed or interrupted run to resume"),
                    new Row("restart --abandon", ExitCodes.OK, "no failed or interrupted run to abandon"),
                    new Row("report abc", ExitCodes.USAGE, "'abc' is not a long"),
                    new Row("report 999", ExitCodes.USAGE, "edibatch report: no run 999"),
                    new Row("status now", ExitCodes.USAGE, usage),
                    new Row("restart --fast", ExitCodes.USAGE, "Unknown option: '--fast'"),
                    new Row("run customs now", ExitCodes.USAGE, usage),
                    new Row("run nightly --fast", ExitCodes.USAGE, "Unknown option: '--fast'"),
                    new Row("run bid-intake now", ExitCodes.USAGE, usage),
                    new Row("run bid-opening T1 T2", ExitCodes.USAGE, usage),
                    new Row("run bid-opening NOPE", ExitCodes.USAGE, "edibatch run bid-opening: no tender NOPE"));

            try (RunLock held = RunLock.tryAcquire(app.bean(DataSource.class))) {
                assertThat(held).isNotNull();
                String locked = "another run holds the lock; nothing done";
                table(app,
                        new Row("run customs", ExitCodes.LOCKED, locked),
                        new Row("run nightly", ExitCodes.LOCKED, locked),
                        new Row("run bid-intake", ExitCodes.LOCKED, locked),
                        new Row("run bid-opening", ExitCodes.LOCKED, locked),
                        new Row("restart", ExitCodes.LOCKED, locked),
                        new Row("restart --abandon", ExitCodes.LOCKED, locked),
                        new Row("status", ExitCodes.OK, "a run is in progress (the run lock is held)"));
            }

            // procurement always needs the trust store, and HOME/pki is not there yet
            table(app,
                    new Row("run bid-intake", ExitCodes.FAILED_RERUN_TO_RESUME, "edibatch: unusable environment: "),
                    new Row("run bid-opening", ExitCodes.FAILED_RERUN_TO_RESUME, "edibatch: unusable environment: "));

            Map<String, byte[]> samples = SampleSet.generate();
            SampleSet.write(app.inbox(), samples);
            drill.arm(2);
            table(app, new Row("run customs", ExitCodes.FAILED_RERUN_TO_RESUME, "run the same command again"));
            drill.arm(0);
            table(app, new Row("restart", ExitCodes.FAILED_RERUN_TO_RESUME, "run the same command again"));
            drill.disarm();
            table(app,
                    new Row("restart", ExitCodes.DONE_WITH_REJECTIONS, "resuming run 1"),
                    new Row("report", ExitCodes.OK, "reports of run 1 written to"),
                    new Row("report 1", ExitCodes.OK, "reports of run 1 written to"),
                    new Row("status", ExitCodes.OK, "COMPLETED"),
                    new Row("history HANBITTRD HB2611259104", ExitCodes.OK,
                            "declaration HB2611259104 from HANBITTRD: 5 message(s)"),
                    new Row("history HANBITTRD NOSUCHNUMBER", ExitCodes.DONE_WITH_REJECTIONS,
                            "no declaration NOSUCHNUMBER from HANBITTRD"),
                    new Row("run customs", ExitCodes.OK, "0 file(s) claimed"),
                    new Row("run nightly", ExitCodes.OK, "procurement: no agency keystore configured"));

            Files.write(app.inbox().resolve("bad-not-edifact.txt"), samples.get("bad-not-edifact.txt"));
            table(app, new Row("run nightly", ExitCodes.DONE_WITH_REJECTIONS, "1 refused whole"));


            DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
            Path bids = Files.createDirectories(home.resolve("procurement/bids-inbox"));
            Files.writeString(bids.resolve("not-a-bid.xml"), "<notABid/>");
            table(app,
                    new Row("run bid-intake", ExitCodes.DONE_WITH_REJECTIONS, "1 file(s) claimed, 1 refused whole"),
                    new Row("run bid-opening", ExitCodes.OK, "completed: 0 line(s) in the exception file"));
        }
    }

    @Test
    void theCommandsThatNeedNoDatabase(@TempDir Path dir) throws Exception {
        DemoPki pki = DemoPki.create(dir.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK),
                PkiCommands.registryParties());
        Path file = Files.writeString(dir.resolve("a.edi"), "UNA:+.? '");
        Path p12;
        try (var parties = Files.list(dir.resolve("pki/parties"))) {
            p12 = parties.filter(p -> p.toString().endsWith(".p12")).findFirst().orElseThrow();
        }
        String agency = pki.p12("AG-PPS").toString();
        String vendor = pki.p12("V001").toString();
        String encryption = pki.dir().resolve("certs/" + PkiCommands.AGENCY_ENCRYPTION + ".pem").toString();
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("note.txt"), "not signed");
        String[][] rows = {
                {"0", "demo PKI written to", "pki", "init", dir.resolve("pki2").toString(), "--now=2026-11-27T00:00:00Z"},
                {"64", "edibatch pki init: Missing required parameter: 'DIR'", "pki", "init"},
                {"64", "edibatch pki init: Invalid value for option '--now': 'yesterday' is not an ISO-8601 instant",
                        "pki", "init", dir.resolve("pki3").toString(), "--now=yesterday"},
                {"64", "edibatch pki init: DIR " + file + " is not a folder", "pki", "init", file.toString()},
                {"64", "edibatch pki: pki what? init", "pki"},
                {"0", "wrote " + file + ".p7s", "sign", p12.toString(), DemoPki.PASSWORD, file.toString()},
                {"64", "edibatch sign: Missing required parameter: 'FILE'", "sign", p12.toString(), "pw"},
                {"64", "edibatch sign: FILE " + dir.resolve("nope.edi") + " does not exist", "sign", p12.toString(),
                        DemoPki.PASSWORD, dir.resolve("nope.edi").toString()},
                {"64", "edibatch sign: P12 " + dir.resolve("nope.p12") + " does not exist", "sign",
                        dir.resolve("nope.p12").toString(), DemoPki.PASSWORD, file.toString()},
                {"64", "edibatch sign: cannot open the key store " + p12 + ": wrong password", "sign", p12.toString(),
                        "wrong", file.toString()},
                {"0", "1 file(s) copied to", "sign-samples", pki.dir().toString(), src.toString(),
                        dir.resolve("dest").toString()},
                {"64", "edibatch sign-samples: SRC " + dir.resolve("nope") + " does not exist", "sign-samples",
                        pki.dir().toString(), dir.resolve("nope").toString(), dir.resolve("dest").toString()},
                {"64", "edibatch sign-samples: Missing required parameter: 'DEST'", "sign-samples", "a", "b"},
                {"0", "published " + dir.resolve("tenders/T9.xml"), "tender", "publish", agency, DemoPki.PASSWORD,
                        "--id=T9", "--agency=AG-PPS", "--title=Works", "--kind=CONSTRUCTION", "--base-amount=500000000",
                        "--deadline=2026-11-28T10:00:00+09:00", "--opening=2026-11-28T10:00:00+09:00",
                        "--encryption-cert=" + encryption, "--to=" + dir.resolve("tenders")},
                {"64", "edibatch tender publish: without --notice, give --id, --agency, --title, --kind, --base-amount, "
                        + "--deadline, --opening, --encryption-cert", "tender", "publish", agency, DemoPki.PASSWORD},
                {"64", "edibatch tender publish: T03 The opening time precedes the bid deadline.", "tender", "publish",
                        agency, DemoPki.PASSWORD, "--id=T8", "--agency=AG-PPS", "--title=Works", "--kind=CONSTRUCTION",
                        "--base-amount=500000000", "--deadline=2026-11-28T10:00:00+09:00",
                        "--opening=2026-11-28T09:00:00+09:00", "--encryption-cert=" + encryption},
                {"64", "edibatch tender publish: --notice " + file + ": T01", "tender", "publish", agency,
                        DemoPki.PASSWORD, "--notice=" + file},
                {"64", "edibatch tender: tender what? publish", "tender"},
                {"0", "sealed bid " + dir.resolve("bids/V001-T9.xml"), "bid", "seal", vendor, DemoPki.PASSWORD,
                        "--bidder=V001", "--price=495000000", "--picks=3,7", "--notice=" + dir.resolve("tenders/T9.xml"),
                        "--to=" + dir.resolve("bids")},
                {"64", "edibatch bid seal: give either --notice or --agency-cert", "bid", "seal", vendor,
                        DemoPki.PASSWORD, "--bidder=V001", "--price=1", "--picks=3,7"},
                {"64", "edibatch bid seal: --picks takes two numbers", "bid", "seal", vendor, DemoPki.PASSWORD,
                        "--bidder=V001", "--price=1", "--picks=3", "--agency-cert=" + encryption, "--tender=T9"},
                {"0", "the intake would accept it", "bid", "verify", dir.resolve("bids/V001-T9.xml").toString(),
                        "--notice=" + dir.resolve("tenders/T9.xml"), "--pki=" + pki.dir(), "--at=" + TestApp.FIXED_CLOCK},
                {"2", "B20 The bid was received after the bid deadline.", "bid", "verify",
                        dir.resolve("bids/V001-T9.xml").toString(), "--notice=" + dir.resolve("tenders/T9.xml"),
                        "--pki=" + pki.dir(), "--at=2026-11-28T01:00:01Z"},
                {"2", "B01 The bid could not be read", "bid", "verify", file.toString(), "--pki=" + pki.dir()},
                {"64", "edibatch bid verify: --pki " + dir.resolve("nope") + " does not exist", "bid", "verify",
                        file.toString(), "--pki=" + dir.resolve("nope")},
                {"64", "edibatch bid: bid what? seal or verify", "bid"},
                {"0", "Usage: edibatch", "help"},
                {"64", "edibatch: unknown command: frobnicate", "frobnicate"},
        };
        for (String[] row : rows) {
            List<String> args = new ArrayList<>(List.of(row).subList(2, row.length));
            // no database is reachable there: these commands must not need one
            args.add("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x");
            Cli.Streams r = Cli.runApart(args.toArray(new String[0]));
            int code = Integer.parseInt(row[0]);
            assertThat(r.code()).as(args + "\n" + r.out() + r.err()).isEqualTo(code);
            if (code == ExitCodes.OK || code == ExitCodes.DONE_WITH_REJECTIONS) {
                assertThat(r.out()).as(String.valueOf(args)).contains(row[1]);
                assertThat(r.err()).as(String.valueOf(args)).isEmpty();
            } else {
                assertThat(r.out()).as(String.valueOf(args)).isEmpty();
                assertThat(r.err().lines().findFirst().orElse("")).as(String.valueOf(args)).startsWith(row[1]);
                assertThat(r.err()).as(String.valueOf(args)).doesNotContain("\tat ").doesNotContain("Exception");
            }
        }
        Cli.Streams debug = Cli.runApart("sign", p12.toString(), "wrong", file.toString(), "--debug");
        assertThat(debug.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(debug.err()).as("--debug adds the trace").contains("\tat ");
    }
}
