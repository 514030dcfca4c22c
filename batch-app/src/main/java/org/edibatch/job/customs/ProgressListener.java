package org.edibatch.job.customs;

import org.edibatch.config.CrashPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;

/**
 * Progress of the customs step for the operator: a single self-overwriting console line (files, messages,
 * rate, ETA) when a terminal is attached, a plain log line every ten seconds otherwise (cron logs).
 */
public class ProgressListener implements ChunkListener<MessageItem, ProcessedMessage>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final JdbcTemplate jdbc;
    private final boolean terminal = System.console() != null;
    private final PrintStream console = System.out;
    private long total;
    private int files;
    private long done;
    private long doneAtStart;
    private long startNanos;
    private long lastPrint;

    public ProgressListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        total = jdbc.queryForObject("SELECT COALESCE(SUM(i.message_count), 0) FROM interchange i JOIN inbound_file f "
                + "ON f.id = i.file_id WHERE f.run_id = ? AND f.state = 'CLAIMED'", Long.class, runId);
        files = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_file WHERE run_id = ? AND state = 'CLAIMED'",
                Integer.class, runId);
        done = jdbc.queryForObject("SELECT COUNT(*) FROM message_result r JOIN inbound_file f ON f.id = r.file_id "
                + "WHERE f.run_id = ?", Long.class, runId);
        doneAtStart = done;
        startNanos = System.nanoTime();
        lastPrint = startNanos;
        log.info("customs step: {} file(s), {} message(s) to process, {} already done", files, total, done);
    }

    @Override
    public void afterChunk(Chunk<ProcessedMessage> chunk) {
        done += chunk.size();
        CrashPoints.reach("customs.after-chunk");
        long now = System.nanoTime();
        long interval = terminal ? 500_000_000L : 10_000_000_000L;
        if (now - lastPrint >= interval) {
            lastPrint = now;
            print(now, false);
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        print(System.nanoTime(), true);
        return null;
    }

    private void print(long now, boolean last) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        double rate = (done - doneAtStart) / seconds;
        long remaining = Math.max(total - done, 0);
        String eta = rate > 0 ? String.format("%ds", (long) (remaining / rate)) : "?";
        String line = String.format("customs: %d file(s), %d/%d messages, %.0f msg/s, ETA %s", files, done, total, rate, eta);
        if (terminal) {
            console.print("\r" + line + (last ? System.lineSeparator() : ""));
            console.flush();
        } else {
            log.info(line);
        }
    }
}
