package org.edibatch.job.customs;

import org.edibatch.samples.SampleSet;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails part-way (a fault injected after some chunks, before that chunk commits) and is then
 * restarted must end exactly where an uninterrupted run over the same input ends: same ledger, same
 * answers, same files in the same folders, same exception items.
 */
class CustomsRestartTest {

    @Test
    void interruptedAndRestartedRunEqualsUninterruptedRun(@TempDir Path a, @TempDir Path b) throws Exception {
        Snapshot reference;
        try (TestApp app = TestApp.start(a)) {
            SampleSet.write(app.inbox(), SampleSet.generate());
            assertThat(app.runCustoms("night").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            reference = Snapshot.of(app);
        }

        Snapshot resumed;
        try (TestApp app = TestApp.start(b, "edibatch.fault.fail-after-chunks=3")) {
            SampleSet.write(app.inbox(), SampleSet.generate());
            JobExecution failed = app.runCustoms("night");
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            int committedBeforeCrash = app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result", Integer.class);
            assertThat(committedBeforeCrash).as("three chunks of four committed").isEqualTo(12);

            app.bean(FaultDrill.class).disarm();
            JobExecution restarted = app.restart(failed);
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            StepExecution customs = restarted.getStepExecutions().stream()
                    .filter(s -> s.getStepName().equals("customs")).findFirst().orElseThrow();
            int total = app.jdbc().queryForObject("SELECT COUNT(*) FROM message_result", Integer.class);
            assertThat(customs.getReadCount()).as("resumed after the last commit").isEqualTo(total - committedBeforeCrash);
            resumed = Snapshot.of(app);
        }

        assertThat(resumed.ledger).isEqualTo(reference.ledger);
        assertThat(resumed.declarations).isEqualTo(reference.declarations);
        assertThat(resumed.exceptions).isEqualTo(reference.exceptions);
        assertThat(resumed.files.keySet()).isEqualTo(reference.files.keySet());
        resumed.files.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(reference.files.get(name)));
        assertThat(reference.ledger).isNotEmpty();
    }

    private record Snapshot(List<Map<String, Object>> ledger, List<Map<String, Object>> declarations,
                            List<Map<String, Object>> exceptions, Map<String, byte[]> files) {

        static Snapshot of(TestApp app) throws Exception {
            JdbcTemplate jdbc = app.jdbc();
            var ledger = jdbc.queryForList("SELECT e.idempotency_key, e.entry_date, e.description, l.line_no, "
                    + "l.account_code, l.party_id, l.debit, l.credit FROM journal_entry e JOIN journal_line l "
                    + "ON l.entry_id = e.id ORDER BY e.idempotency_key, l.line_no");
            var declarations = jdbc.queryForList("SELECT file_id, msg_index, declaration_no, status, acceptance_no, "
                    + "customs_value_krw, duty_krw, vat_krw, channel, score, rule_hits FROM declaration ORDER BY file_id, msg_index");
            var exceptions = jdbc.queryForList("SELECT file_id, msg_index, seq, category, sender, file_name, code, text "
                    + "FROM exception_item ORDER BY file_id, msg_index, seq");
            Map<String, byte[]> files = new TreeMap<>();
            for (String folder : List.of("outbox", "archive", "quarantine", "reports")) {
                Path root = app.home().resolve(folder);
                try (Stream<Path> s = Files.walk(root)) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        String rel = app.home().relativize(p).toString().replaceAll("run-\\d+", "run-N");
                        files.put(rel, Files.readAllBytes(p));
                    }
                }
            }
            return new Snapshot(ledger, declarations, exceptions, files);
        }
    }
}
