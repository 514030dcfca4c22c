package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.SampleSet;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configuration that cannot serve stops the command before any work: one line on stderr naming the property
 * or the file, exit 64 for a bad value and 3 for an unusable trust store, and nothing claimed, answered or
 * recorded in the job repository.
 */
@SlowTest
class ConfigurationCheckTest {

    private static String db;

    @BeforeAll
    static void database() {
        db = TestDatabase.freshDatabaseUrl();
    }

    private static Cli.Streams runCustoms(Path home, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "customs", "--spring.datasource.url=" + db,
                "--edibatch.home=" + home));
        args.addAll(List.of(extra));
        return Cli.runApart(args.toArray(new String[0]));
    }

    private static Path homeWithOneFile(Path home) throws Exception {
        var first = new java.util.TreeMap<>(SampleSet.generate()).firstEntry();
        SampleSet.write(home.resolve("inbox"), java.util.Map.of(first.getKey(), first.getValue()));
        return home;
    }

    private static void assertNothingHappened(Path home) throws Exception {
        try (Stream<Path> inbox = Files.list(home.resolve("inbox"))) {
            assertThat(inbox.count()).as("the file stays in the inbox").isEqualTo(1);
        }
        assertThat(home.resolve("work")).as("nothing claimed").doesNotExist();
        assertThat(home.resolve("outbox")).as("nobody answered").doesNotExist();
        assertThat(jobExecutions()).as("no job execution recorded").isZero();
    }

    private static long jobExecutions() throws Exception {
        try (Connection c = DriverManager.getConnection(db);
             ResultSet table = c.getMetaData().getTables(null, null, "batch_job_execution", null)) {
            if (!table.next()) {
                return 0;
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM batch_job_execution")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "chunk-size=0          | must be at least 1",
            "threads=0             | must be between 1 and 1024",
            "chunk-size=abc        | must be a whole number",
            "zone=Mars/Olympus     | must be a time zone id",
            "fixed-clock=yesterday | must be an ISO-8601 instant",
            "tax.rounding=SIDEWAYS | must be one of UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN"})
    void aBadValueIsOneLineNamingThePropertyAndNothingHappens(String setting, String allowed, @TempDir Path dir)
            throws Exception {
        Path home = homeWithOneFile(dir);
        Cli.Streams r = runCustoms(home, "--edibatch.signature.required=false", "--edibatch." + setting);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).as("one line").hasSize(1).first().asString()
                .startsWith("edibatch: invalid configuration: edibatch." + setting + ": " + allowed);
        assertThat(r.out()).doesNotContain("APPLICATION FAILED").doesNotContain("\tat ").doesNotContain("Exception");
        assertNothingHappened(home);
    }

    @Test
    void thresholdsOutOfOrderAreRefusedBeforeTheDatabaseIsTouched(@TempDir Path dir) throws Exception {
        Path home = homeWithOneFile(dir);
        String fresh = TestDatabase.freshDatabaseUrl();
        Cli.Streams r = Cli.runApart("run", "customs", "--spring.datasource.url=" + fresh, "--edibatch.home=" + home,
                "--edibatch.signature.required=false", "--edibatch.selectivity.yellow-threshold=80");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).containsExactly("edibatch: invalid configuration: "
                + "edibatch.selectivity.yellow-threshold must not be above edibatch.selectivity.red-threshold");
        assertThat(r.out()).doesNotContain("\tat ").doesNotContain("Exception");
        try (Stream<Path> inbox = Files.list(home.resolve("inbox"))) {
            assertThat(inbox.count()).as("the file stays in the inbox").isEqualTo(1);
        }
        assertThat(home.resolve("work")).as("nothing claimed").doesNotExist();
        // validated before any bean: not even Flyway has connected
        try (Connection c = DriverManager.getConnection(fresh);
             ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            assertThat(tables.next()).as("no table created").isFalse();
        }
    }

    @Test
    void missingTrustAnchorsFailTheRunBeforeAnyFileIsClaimedOrAnswered(@TempDir Path dir) throws Exception {
        Path home = homeWithOneFile(dir);
        Cli.Streams r = runCustoms(home); // signatures required (the default), HOME/pki/trust absent
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(r.err().lines()).hasSize(1).first().asString()
                .startsWith("edibatch: unusable environment: ").contains(home.resolve("pki/trust").toString());
        assertNothingHappened(home);
    }

    @Test
    void aCorruptAnchorOrAMissingCrlFolderIsNamedAndNothingIsAnswered(@TempDir Path dir) throws Exception {
        Path home = homeWithOneFile(dir);
        DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        Path corrupt = home.resolve("pki/trust/other-ca.pem");
        Files.writeString(corrupt, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        Cli.Streams r = runCustoms(home);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(r.err().lines()).hasSize(1).first().asString().contains(corrupt.toString());
        assertNothingHappened(home);

        Files.delete(corrupt);
        try (Stream<Path> crls = Files.list(home.resolve("pki/crl"))) {
            for (Path crl : crls.toList()) {
                Files.delete(crl);
            }
        }
        Files.delete(home.resolve("pki/crl"));
        r = runCustoms(home);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED_RERUN_TO_RESUME);
        assertThat(r.err().lines()).hasSize(1).first().asString()
                .contains("CRL folder " + home.resolve("pki/crl")).contains("does not exist");
        assertNothingHappened(home);
    }
}
