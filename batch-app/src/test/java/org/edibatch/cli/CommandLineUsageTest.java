package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees for a command line that is not understood, and for help: from a real JVM process. */
@SlowTest
class CommandLineUsageTest {

    private static void assertUsageError(Cli.Streams r, String line) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(line, "try 'edibatch help'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "frobnicate          | edibatch: unknown command: frobnicate",
            "run frobnicate      | edibatch run: unknown command: run frobnicate",
            "run                 | edibatch run: run what? customs, nightly, bid-intake or bid-opening",
            "report abc          | edibatch report: Invalid value for positional parameter at index 0 (RUN): 'abc' is not a long",
            "status now          | edibatch status: Unmatched argument at index 1: 'now'",
            "run customs --fast  | edibatch run customs: Unknown option: '--fast'",
            "pki init            | edibatch pki init: Missing required parameter: 'DIR'",
            "sign a.p12 secret   | edibatch sign: Missing required parameter: 'FILE'",
            "run customs --workers=all | edibatch run customs: --workers must be local or remote: all",
            "run nightly --workers=both | edibatch run nightly: --workers must be local or remote: both",
    })
    void aCommandLineThatIsNotUnderstoodExits64WithOneLineAndNoTrace(String args, String line) throws Exception {
        // the Spring properties are accepted on every command and do not make the line valid or invalid
        String[] words = (args + " --edibatch.home=/nonexistent --spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x")
                .split(" ");
        assertUsageError(Cli.runApart(words), line);
    }

    @Test
    void noCommandIsAUsageError() throws Exception {
        assertUsageError(Cli.runApart(), "edibatch: a command is required");
    }

    @Test
    void helpListsEveryCommandAndExitsZero() throws Exception {
        Cli.Streams help = Cli.runApart("help");
        assertThat(help.code()).isEqualTo(ExitCodes.OK);
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("Usage: edibatch [-h] [COMMAND]")
                .containsPattern("(?m)^  run nightly \\[--workers=local\\|remote]  +the nightly flow")
                .containsPattern("(?m)^  run bid-intake  +load tender notices")
                .containsPattern("(?m)^  run bid-opening \\[TENDER]  +open every due tender")
                .containsPattern("(?m)^  restart \\[--abandon]  +resume the last failed")
                .containsPattern("(?m)^  status  +the last runs")
                .containsPattern("(?m)^  history SENDER NUMBER  +a declaration's versions")
                .containsPattern("(?m)^  report \\[RUN]  +rewrite the reports")
                .containsPattern("(?m)^  verify-ledger  +recompute every journal entry")
                .containsPattern("(?m)^  serve  +the officers' console on HTTPS with client certificates")
                .containsPattern("(?m)^  pki init DIR \\[--now=ISO]  +create a demo PKI")
                .containsPattern("(?m)^  sign P12 PASSWORD FILE \\[--attached]  +write FILE.p7s")
                .containsPattern("(?m)^  sign-samples PKI SRC DEST  +copy SRC's files")
                .containsPattern("(?m)^  worker  +run customs partitions sent by")
                .containsPattern("(?m)^  run customs \\[--workers=local\\|remote]  +claim the inbox")
                .containsPattern("(?m)^  help \\[COMMAND]")
                .contains("--spring.datasource.url=URL").contains("--debug").contains("64 usage error")
                .contains("5 the ledger failed verification");
        assertThat(Cli.runApart("--help").out()).isEqualTo(help.out());
        assertThat(Cli.runApart("-h").out()).isEqualTo(help.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status --edibatch.workers=many | edibatch: invalid configuration: edibatch.workers=many: must be local or remote",
            "worker --edibatch.workers.timeout=0s | edibatch: invalid configuration: edibatch.workers.timeout=0s: must be a positive duration such as 90s, 30m or 2h",
            "worker | edibatch: invalid configuration: edibatch.workers=remote needs a shared PostgreSQL (spring.datasource.url): the embedded database of one machine cannot be reached by workers on others",
    })
    void aWorkersSettingThatCannotWorkIsRefusedBeforeTheDatabaseStarts(String args, String line, @TempDir Path home)
            throws Exception {
        List<String> words = new java.util.ArrayList<>(List.of(args.split(" ")));
        words.add("--edibatch.home=" + home);
        Cli.Streams r = Cli.runApart(words.toArray(new String[0]));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).contains(line);
        assertThat(home.resolve("pgdata")).as("embedded database never started").doesNotExist();
    }

    @Test
    void aCommandsHelpExitsZeroWithoutStartingTheDatabase() throws Exception {
        // an unreachable database would make any command that starts the context fail with 3
        Cli.Streams r = Cli.runApart("report", "--help", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("Usage: edibatch report [-h] [RUN]").contains("the run's number");
        assertThat(Cli.runApart("help", "run").out()).startsWith("Usage: edibatch run [-h] [COMMAND]");
        assertThat(Cli.runApart("run", "bid-opening", "-h").out()).startsWith("Usage: edibatch run bid-opening [-h] [TENDER]");
    }

    @Test
    void theReportOfARunThatDoesNotExistIsRefused(@TempDir Path home) throws Exception {
        Cli.Streams r = Cli.runApart("report", "999", "--edibatch.home=" + home,
                "--spring.datasource.url=" + TestDatabase.freshDatabaseUrl(), "--logging.level.root=WARN");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).containsExactly("edibatch report: no run 999", "try 'edibatch help'");
        assertThat(home.resolve("reports/run-999")).doesNotExist();
    }

    @Test
    void pkiInitNeedsNoDatabaseAndTakesSpringPropertiesToo(@TempDir Path dir) throws Exception {
        Cli.Streams r = Cli.runApart("pki", "init", dir.resolve("pki").toString(), "--now=2026-11-27T00:00:00Z",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("demo PKI written to ");
        assertThat(Files.isDirectory(dir.resolve("pki/trust"))).isTrue();
    }
}
