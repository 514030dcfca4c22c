package org.edibatch.job.customs;

import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night full of chains (originals, replacements and cancellations of one number across files and within one
 * file, several senders, several files each) gives the same ledger, decisions, exception items and answer bytes on
 * two threads, on one thread, and interrupted and restarted: the order a number's messages are applied in is
 * decided by the data (file id, message position), not by the threads.
 */
@SlowTest
class AmendmentOrderTest {

    private static final List<String> SENDERS = List.of("HANBITTRD", "SEOULELEC", "BUSANFF");
    private static final List<String> IMPORTERS = List.of("HANBIT001234", "SEOULEL05678", "BUSANFF09012");

    @Test
    void twoThreadsOneThreadAndARestartGiveTheSameNight(@TempDir Path a, @TempDir Path b, @TempDir Path c)
            throws Exception {
        Map<String, byte[]> load = load();
        RunSnapshot twoThreads;
        try (TestApp app = TestApp.start(a, "edibatch.threads=2")) {
            write(app, load);
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            twoThreads = RunSnapshot.of(app.jdbc(), app.home());
            // the load is what it means to be: versions made, cancellations, refusals of each kind
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration_version WHERE status = 'ACCEPTED'",
                    Integer.class)).isGreaterThan(10);
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration_version WHERE status = 'CANCELLED'",
                    Integer.class)).isGreaterThan(3);
            assertThat(app.jdbc().queryForList("SELECT DISTINCT code FROM declaration_error ORDER BY 1", String.class))
                    .containsExactly("C170", "C171");
        }
        RunSnapshot oneThread;
        try (TestApp app = TestApp.start(b, "edibatch.threads=1")) {
            write(app, load);
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            oneThread = RunSnapshot.of(app.jdbc(), app.home());
        }
        oneThread.assertSameAs(twoThreads);

        RunSnapshot restarted;
        try (TestApp app = TestApp.start(c, "edibatch.threads=2", "edibatch.fault.fail-after-chunks=5")) {
            write(app, load);
            JobExecution failed = app.runCustoms("night");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM declaration_version", Integer.class))
                    .as("some versions committed before the fault").isPositive();
            app.bean(FaultDrill.class).disarm();
            assertThat(app.restart(failed).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            restarted = RunSnapshot.of(app.jdbc(), app.home());
        }
        restarted.assertSameAs(twoThreads);
        assertThat(twoThreads.ledger()).isNotEmpty();
    }

    /**
     * Three files per sender. Each file files four new numbers, replaces one of them in the same file, replaces
     * or cancels the previous file's numbers, replaces one number already cancelled and one that was never filed.
     */
    private static Map<String, byte[]> load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int s = 0; s < SENDERS.size(); s++) {
            String sender = SENDERS.get(s);
            for (int f = 0; f < 3; f++) {
                Interchange i = Interchange.from(sender, "ORD" + s + f);
                for (int k = 0; k < 4; k++) {
                    i.message(declaration(s, f, k, 100 + 10 * k));
                }
                i.message(declaration(s, f, 0, 150).replacement());
                if (f > 0) {
                    i.message(declaration(s, f - 1, 1, 300 + f).replacement());
                    i.message(declaration(s, f - 1, 2, 50 + f).replacement());
                    i.message(declaration(s, f - 1, 2, 60 + f).replacement());
                    i.message(declaration(s, f - 1, 3, 100).cancellation());
                    i.message(declaration(s, f - 1, 3, 100).replacement()); // already cancelled: C171
                }
                i.message(declaration(s, 9, 9, 100).replacement());       // never filed: C170
                files.put(sender.toLowerCase() + "-" + f + ".edi", i.bytes());
            }
        }
        return files;
    }

    private static Cusdec declaration(int sender, int file, int k, int usd) {
        return Cusdec.declaration("ORD" + sender + file + k).importer(IMPORTERS.get(sender), "IMPORTER " + sender)
                .item(k % 2 == 0 ? "6109100000" : "8471300000", "CN", "10", "PCE", usd + ".00");
    }

    private static void write(TestApp app, Map<String, byte[]> load) throws Exception {
        Files.createDirectories(app.inbox());
        for (var e : load.entrySet()) {
            Files.write(app.inbox().resolve(e.getKey()), e.getValue());
        }
    }
}
