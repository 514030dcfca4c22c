package org.edibatch.job.customs;

import org.edibatch.samples.SampleSet;
import org.edibatch.support.RunSnapshot;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers built by the customs step as files commit must be the very bytes the answer step builds from the
 * database, recorded the same way: the run with early answers off is the reference.
 */
@SlowTest
class EarlyAnswersTest {

    private record Run(RunSnapshot snapshot, long answered, long readBack, int edifactFilesDecided) {
    }

    private static Run run(Path home, String... properties) throws Exception {
        try (TestApp app = TestApp.start(home, properties)) {
            SampleSet.write(app.inbox(), SampleSet.generate());
            JobExecution run = app.runCustoms("night");
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            StepExecution answer = run.getStepExecutions().stream()
                    .filter(s -> s.getStepName().equals("answer")).findFirst().orElseThrow();
            Integer decided = app.jdbc().queryForObject("SELECT COUNT(DISTINCT r.file_id) FROM message_result r "
                    + "JOIN inbound_file f ON f.id = r.file_id WHERE f.format = 'EDIFACT'", Integer.class);
            return new Run(RunSnapshot.of(app.jdbc(), app.home()), answer.getWriteCount(), answer.getReadCount(),
                    decided);
        }
    }

    @Test
    void earlyAnswersEqualTheAnswersBuiltFromTheDatabase(@TempDir Path off, @TempDir Path on) throws Exception {
        Run reference = run(off, "edibatch.early-answer-max-bytes=0");
        Run early = run(on);

        early.snapshot().assertSameAs(reference.snapshot());
        assertThat(reference.snapshot().answers()).hasSizeGreaterThan(20);
        assertThat(early.answered()).isEqualTo(reference.answered());
        assertThat(reference.readBack()).as("without early answers every answered file is read back")
                .isEqualTo(reference.answered());
        // every EDIFACT file that reached the customs step was answered by it (chunks of four messages, so
        // most files span several chunks); the answer step read back only the others
        assertThat(early.edifactFilesDecided()).isGreaterThan(5);
        assertThat(early.readBack()).isEqualTo(reference.readBack() - early.edifactFilesDecided());
    }

    @Test
    void aFileWhoseAnswersOutgrowTheLimitIsAnsweredFromTheDatabase(@TempDir Path off, @TempDir Path tiny)
            throws Exception {
        Run reference = run(off, "edibatch.early-answer-max-bytes=0");
        // answers (CONTRL + CUSRES) per decided file: the smallest fit under the limit (checked before the last
        // trailers are added), bigger ones do not
        Map<String, Integer> perFile = new TreeMap<>();
        reference.snapshot().folders().forEach((name, bytes) -> {
            if (name.startsWith("outbox") && name.contains("/CUSRES_") && name.endsWith(".edi")) {
                String id = name.substring(name.lastIndexOf('_'));
                String contrl = name.replace("/CUSRES_", "/CONTRL_");
                perFile.put(id, bytes.length + reference.snapshot().folders().getOrDefault(contrl, new byte[0]).length);
            }
        });
        int limit = Collections.min(perFile.values()) + 60;
        assertThat(Collections.max(perFile.values())).isGreaterThan(limit + 200);
        Run limited = run(tiny, "edibatch.early-answer-max-bytes=" + limit);

        limited.snapshot().assertSameAs(reference.snapshot());
        assertThat(limited.readBack()).as("some files fit in %d bytes, the bigger ones do not", limit)
                .isGreaterThan(reference.readBack() - limited.edifactFilesDecided())
                .isLessThan(reference.readBack());
    }
}
