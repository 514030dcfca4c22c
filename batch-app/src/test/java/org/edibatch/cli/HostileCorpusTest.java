package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.samples.HostileCorpus;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.DemoPki;
import org.edibatch.support.Cli;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole hostile corpus in one night, beside good files, through the real command in a JVM of 256 MB: the
 * night completes with exit 2 in bounded time, every file archived or quarantined with its reason, every hostile
 * file answered and listed, every message counted, the good files posted and the ledger balanced. The seed is
 * {@code -Dedibatch.hostile.seed=N} (default fixed), so the same classes can be mutated differently.
 */
@SlowTest
class HostileCorpusTest {

    @Test
    void aNightOverTheWholeCorpusCompletesWithItsRefusalsInBoundedTimeAndMemory(@TempDir Path home) throws Exception {
        long seed = Long.getLong("edibatch.hostile.seed", 20261204L);
        DemoPki pki = DemoPki.create(home.resolve("pki"), Instant.parse(TestApp.FIXED_CLOCK), PkiCommands.registryParties());
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        CmsSigner signer = new CmsSigner();
        List<String> hostile = new ArrayList<>();
        for (HostileCorpus.HostileFile f : HostileCorpus.generate(seed)) {
            Path file = Files.write(inbox.resolve(f.name()), f.bytes());
            signer.sign(file, inbox.resolve(f.name() + ".p7s"), pki.credential(f.signer()), true);
            hostile.add(f.name());
        }
        for (int i = 1; i <= 2; i++) {
            Path file = Files.write(inbox.resolve("good-" + i + ".edi"), HostileInputTest.goodFile("GC" + i + "N"));
            signer.sign(file, inbox.resolve("good-" + i + ".edi.p7s"), pki.credential("HANBITTRD"), true);
        }
        String db = TestDatabase.freshDatabaseUrl();

        long start = System.nanoTime();
        Cli.Result r = Cli.runWithHeap("256m", "run", "customs", "--spring.datasource.url=" + db,
                "--edibatch.home=" + home, "--edibatch.fixed-clock=" + TestApp.FIXED_CLOCK,
                "--edibatch.trust.anchors=" + pki.trustDir(), "--edibatch.trust.crls=" + pki.crlDir());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.code()).as(r.output()).isEqualTo(ExitCodes.DONE_WITH_REJECTIONS);
        assertThat(took).as("the night over %d hostile files", hostile.size()).isLessThan(Duration.ofSeconds(120));
        Matcher m = HostileInputTest.CLOSING.matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        assertThat(Long.parseLong(m.group(2))).isEqualTo(hostile.size() + 2);
        assertThat(Long.parseLong(m.group(4))).as("messages read add up")
                .isEqualTo(Long.parseLong(m.group(5)) + Long.parseLong(m.group(6)) + Long.parseLong(m.group(7)));
        assertThat(r.output()).contains("balanced: yes");
        try (Connection c = DriverManager.getConnection(db)) {
            assertThat(longs(c, "SELECT COUNT(*) FROM inbound_file WHERE state NOT IN ('ARCHIVED', 'QUARANTINED') "
                    + "OR final_path IS NULL")).isZero();
            assertThat(longs(c, "SELECT COUNT(*) FROM inbound_file WHERE state = 'QUARANTINED' AND reason_code IS NULL"))
                    .isZero();
            for (String name : hostile) {
                assertThat(longs(c, "SELECT COUNT(*) FROM exception_item e JOIN inbound_file f ON f.id = e.file_id "
                        + "WHERE f.original_name = '" + name + "'")).as(name).isPositive();
                assertThat(longs(c, "SELECT COUNT(*) FROM answer a JOIN inbound_file f ON f.id = a.file_id "
                        + "WHERE a.kind = 'CONTRL' AND f.original_name = '" + name + "'")).as(name).isEqualTo(1);
            }
            assertThat(longs(c, "SELECT COUNT(*) FROM declaration d JOIN inbound_file f ON f.id = d.file_id "
                    + "WHERE f.original_name LIKE 'good-%' AND d.status = 'ACCEPTED'")).isEqualTo(6);
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0) FROM journal_line")) {
                rs.next();
                BigDecimal debit = rs.getBigDecimal(1);
                assertThat(debit).isPositive().isEqualByComparingTo(rs.getBigDecimal(2));
            }
        }
    }

    private static long longs(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
