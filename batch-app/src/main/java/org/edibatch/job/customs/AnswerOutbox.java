package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.CrashPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes the answers the customs step built in memory, off the worker threads: each file is written
 * atomically and flushed to disk, which waits on the disk rather than on a core. A file written here is
 * queued as {@link AnswerFiles.Written} until a transaction records it ({@link #takeWritten}); a file that
 * failed to write is simply not queued, and the answer step writes it from the database like any file
 * without a recorded answer.
 */
public class AnswerOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnswerOutbox.class);
    /** Answers waiting for the disk at most; beyond that the workers wait, so memory stays bounded. */
    private static final int IN_FLIGHT = 64;

    private final ExecutorService io = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "answer-io");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Queue<AnswerFiles.Written> written = new ConcurrentLinkedQueue<>();

    /** Hands one answer to the writing threads; blocks while {@value #IN_FLIGHT} are already waiting. */
    void submit(long fileId, String kind, String recipient, Path target, ByteArrayOutputStream content) {
        inFlight.acquireUninterruptibly();
        try {
            io.execute(() -> {
                try {
                    String sha = AtomicFiles.write(target, content::writeTo);
                    written.add(new AnswerFiles.Written(fileId, kind, recipient, target.toString(), sha));
                    CrashPoints.reach("answer.file-written");
                } catch (IOException | RuntimeException e) {
                    log.warn("answer {} to file {} not written now ({}); the answer step writes it", target, fileId,
                            e.toString());
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** The answers written so far and not yet taken: the caller records them in its transaction. */
    List<AnswerFiles.Written> takeWritten() {
        List<AnswerFiles.Written> taken = new ArrayList<>();
        for (AnswerFiles.Written w; (w = written.poll()) != null; ) {
            taken.add(w);
        }
        return taken;
    }

    /** Waits until every submitted answer is on disk (or has failed), then takes what was written. */
    List<AnswerFiles.Written> awaitAll() throws InterruptedException {
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        return takeWritten();
    }

    @Override
    public void close() throws InterruptedException {
        io.shutdown();
        io.awaitTermination(30, TimeUnit.SECONDS);
    }
}
