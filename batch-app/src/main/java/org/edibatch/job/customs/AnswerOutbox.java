package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.answer.AnswerFile;
import org.edibatch.config.CrashPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Writes the answers the customs step built in memory, off the worker threads: each file is written
 * atomically and flushed to disk, which waits on the disk rather than on a core. The writing threads take
 * whatever has queued up (up to {@value #BATCH} answers), write those files, flush them together and only then
 * rename them into place: one journal commit of the file system for the batch instead of one per file. A file
 * written here is queued as {@link AnswerFile} until a transaction records it ({@link #takeWritten}); a
 * file that failed to write is simply not queued, and the answer step writes it from the database like any file
 * without a recorded answer.
 */
public class AnswerOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnswerOutbox.class);
    /** Answers waiting for the disk at most; beyond that the workers wait, so memory stays bounded. */
    private static final int IN_FLIGHT = 64;
    /** Answers one writing thread flushes together at most. */
    private static final int BATCH = 16;

    private record Pending(long fileId, String kind, String recipient, Path target, ByteArrayOutputStream content) {
    }

    /** Tells the writing threads to end; each passes it on (never a real answer: it has no content). */
    private static final Pending STOP = new Pending(-1, "", "", Path.of(""), null);

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final List<Thread> io = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Queue<AnswerFile> written = new ConcurrentLinkedQueue<>();

    public AnswerOutbox() {
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(this::writeBatches, "answer-io-" + i);
            t.setDaemon(true);
            t.start();
            io.add(t);
        }
    }

    /** Hands one answer to the writing threads; blocks while {@value #IN_FLIGHT} are already waiting. */
    void submit(long fileId, String kind, String recipient, Path target, ByteArrayOutputStream content) {
        inFlight.acquireUninterruptibly();
        pending.add(new Pending(fileId, kind, recipient, target, content));
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch, BATCH - 1);
            boolean stop = batch.removeIf(p -> p == STOP); // what was queued before it is still written
            try {
                write(batch);
            } finally {
                inFlight.release(batch.size());
                batch.clear();
            }
            if (stop) {
                pending.add(STOP); // passed on: the other writing thread ends too
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> stagedFor = new ArrayList<>(batch.size());
        List<AtomicFiles.Staged> staged = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            try {
                staged.add(AtomicFiles.stage(p.target(), p.content()::writeTo));
                stagedFor.add(p);
            } catch (IOException | RuntimeException e) {
                notWritten(p, e);
            }
        }
        try {
            AtomicFiles.commit(staged);
        } catch (IOException | RuntimeException e) {
            stagedFor.forEach(p -> notWritten(p, e));
            return;
        }
        for (int i = 0; i < staged.size(); i++) {
            Pending p = stagedFor.get(i);
            written.add(new AnswerFile(p.fileId(), p.kind(), p.recipient(), p.target().toString(),
                    staged.get(i).sha256()));
            CrashPoints.reach("answer.file-written");
        }
    }

    private static void notWritten(Pending p, Exception e) {
        log.warn("answer {} to file {} not written now ({}); the answer step writes it", p.target(), p.fileId(),
                e.toString());
    }

    /** The answers written so far and not yet taken: the caller records them in its transaction. */
    List<AnswerFile> takeWritten() {
        List<AnswerFile> taken = new ArrayList<>();
        for (AnswerFile w; (w = written.poll()) != null; ) {
            taken.add(w);
        }
        return taken;
    }

    /** Waits until every submitted answer is on disk (or has failed), then takes what was written. */
    List<AnswerFile> awaitAll() throws InterruptedException {
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        return takeWritten();
    }

    @Override
    public void close() throws InterruptedException {
        // Not an interrupt: it would close the file channel a thread is writing to.
        pending.add(STOP);
        for (Thread t : io) {
            t.join(30_000);
        }
    }
}
