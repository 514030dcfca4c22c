package org.edibatch.ack;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a file so that readers see either nothing or the whole file: a temp file in the same folder,
 * flushed to disk, then renamed over the target. A crash leaves at most a dot-temp file behind.
 */
public final class AtomicFiles {

    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** A value the sender chose (its id, a control reference) as one safe component of a file name. */
    public static String safeName(String s) {
        return s == null || s.isEmpty() ? "UNKNOWN" : s.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Characters a sender's value may take in one component of a file name. */
    public static final int MAX_COMPONENT = 64;

    /**
     * {@link #safeName} cut to {@link #MAX_COMPONENT} characters, with a digest of the whole value so that two long
     * values still name two files: a sender's value of any length (ids of refused files are not bounded by any
     * schema) never pushes a name past a file system's 255 bytes.
     */
    public static String safeComponent(String s) {
        String safe = safeName(s);
        if (safe.length() <= MAX_COMPONENT) {
            return safe;
        }
        try {
            byte[] whole = MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return safe.substring(0, MAX_COMPONENT - 9) + "~" + HexFormat.of().formatHex(whole).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the renames into these folders durable: a renamed file is only sure to be found after a crash once its
     * folder has been flushed. Called before a written file is recorded as sent, once per folder for many files.
     */
    public static void syncDirectories(Collection<Path> folders) {
        for (Path folder : new LinkedHashSet<>(folders)) {
            try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot flush folder " + folder, e);
            }
        }
    }

    /**
     * @return the SHA-256 (hex) of the bytes written, computed on the way out so that recording the answer
     *         does not read it back
     */
    public static String write(Path target, Body body) throws IOException {
        Staged staged = stage(target, body, true); // flushed while still open: no second open as in commit
        rename(staged);
        return staged.sha256();
    }

    /** A file written to its temp name and not yet flushed: {@link #commit} makes it appear. */
    public record Staged(Path target, Path tmp, String sha256) {
    }

    /** Writes the temp file of {@code target}; nothing is flushed and the target does not change yet. */
    public static Staged stage(Path target, Body body) throws IOException {
        return stage(target, body, false);
    }

    private static Staged stage(Path target, Body body, boolean flush) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            // the digest behind the buffer: it then takes the bytes in large blocks, not an attribute at a time
            OutputStream out = new BufferedOutputStream(new DigestOutputStream(Channels.newOutputStream(ch), sha), 1 << 16);
            body.write(out);
            out.flush();
            if (flush) {
                ch.force(true);
            }
        } catch (IOException e) {
            // a full disk: the partial file gives its space back, and the reason names the file ("No space left
            // on device" alone does not say which disk)
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof FileSystemException) {
                throw e;
            }
            FileSystemException named = new FileSystemException(tmp.toString(), null, e.getMessage());
            named.addSuppressed(e); // not its cause: the innermost cause is what the run's failure line shows
            throw named;
        }
        return new Staged(target, tmp, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Flushes every staged file, then renames each over its target. Flushing them one after the other is cheaper
     * than a write-flush-rename per file: the first flush commits the file system's journal for all of them, the
     * others find little left to do.
     */
    public static void commit(List<Staged> staged) throws IOException {
        for (Staged f : staged) {
            try (FileChannel ch = FileChannel.open(f.tmp(), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        for (Staged f : staged) {
            rename(f);
        }
    }

    /**
     * As {@link #commit(List)}, the flushes made by {@link #FLUSHERS} threads at once: the file system's journal
     * commits flushes that wait together in one go, so on this machine 2,000 small files take ~0.7 s instead of
     * ~9 s one after the other (docs/PERFORMANCE.md). Every file is flushed before any is renamed.
     */
    public static void commitTogether(List<Staged> staged) throws IOException {
        List<Path> tmps = new ArrayList<>(staged.size());
        for (Staged f : staged) {
            tmps.add(f.tmp());
        }
        forceAll(tmps);
        for (Staged f : staged) {
            rename(f);
        }
    }

    /** Threads flushing at once in {@link #forceAll}: they wait on the disk, not on a core. */
    public static final int FLUSHERS = 16;

    /** Flushes these files to disk, {@link #FLUSHERS} at a time (see {@link #commitTogether}). */
    public static void forceAll(Collection<Path> files) throws IOException {
        eachTogether(files, AtomicFiles::force);
    }

    /** Deletes these files (those still there), {@link #FLUSHERS} at a time: each waits on the file system's journal. */
    public static void deleteAll(Collection<Path> files) throws IOException {
        eachTogether(files, Files::deleteIfExists);
    }

    /**
     * The flushers, shared: a night commits a few files at a time thousands of times (a tender's notices), and a pool
     * per call started 16 threads each time. Idle threads end after a few seconds.
     */
    private static final ThreadPoolExecutor POOL = flushers();

    private static ThreadPoolExecutor flushers() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(FLUSHERS, FLUSHERS, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "file-flusher-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private interface FileAction {
        void on(Path p) throws IOException;
    }

    private static void eachTogether(Collection<Path> files, FileAction action) throws IOException {
        if (files.size() <= 1) {
            for (Path p : files) {
                action.on(p);
            }
            return;
        }
        List<Future<?>> done = new ArrayList<>(files.size());
        try {
            for (Path p : files) {
                done.add(POOL.submit(() -> {
                    action.on(p);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while flushing or deleting files");
                }
            }
        } finally {
            for (Future<?> f : done) {
                f.cancel(true);
            }
        }
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void rename(Staged f) throws IOException {
        Files.move(f.tmp(), f.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
