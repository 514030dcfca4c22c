package org.edibatch.job.customs;

import org.edibatch.config.CrashPoints;
import org.edibatch.intake.InboundFileRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of the customs step for the operator: a single self-overwriting console line (files, messages,
 * rate, ETA) when a terminal is attached, a plain log line every ten seconds otherwise (cron logs). Listens
 * to the partitioned step for totals and to every worker's chunks for progress.
 */
public class ProgressListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final InboundFileRepository inboundFiles;
    private final boolean terminal = System.console() != null;
    private final PrintStream console = System.out;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile int files;
    private volatile long doneAtStart;
    private volatile long startNanos;
    private final AtomicLong lastPrint = new AtomicLong();

    public ProgressListener(JdbcTemplate jdbc) {
        this.inboundFiles = new InboundFileRepository(jdbc);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        InboundFileRepository.Progress progress = inboundFiles.progress(runId);
        total = progress.messages();
        files = progress.files();
        done.set(progress.processed());
        doneAtStart = done.get();
        startNanos = System.nanoTime();
        lastPrint.set(startNanos);
        log.info("customs step: {} file(s), {} message(s) to process, {} already done", files, total, doneAtStart);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        print(System.nanoTime(), true);
        return null;
    }

    /** The listener of each worker's chunks. */
    public ChunkListener<ProcessedMessage, ProcessedMessage> chunks() {
        return new ChunkListener<>() {
            @Override
            public void afterChunk(Chunk<ProcessedMessage> chunk) {
                done.addAndGet(chunk.size());
                CrashPoints.reach("customs.after-chunk");
                long now = System.nanoTime();
                long last = lastPrint.get();
                long interval = terminal ? 500_000_000L : 10_000_000_000L;
                if (now - last >= interval && lastPrint.compareAndSet(last, now)) {
                    print(now, false);
                }
            }
        };
    }

    private synchronized void print(long now, boolean last) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        long d = done.get();
        double rate = (d - doneAtStart) / seconds;
        long remaining = Math.max(total - d, 0);
        String eta = rate > 0 ? String.format("%ds", (long) (remaining / rate)) : "?";
        String line = String.format("customs: %d file(s), %d/%d messages, %.0f msg/s, ETA %s", files, d, total, rate, eta);
        if (terminal) {
            console.print("\r" + line + (last ? System.lineSeparator() : ""));
            console.flush();
        } else {
            log.info(line);
        }
    }
}
