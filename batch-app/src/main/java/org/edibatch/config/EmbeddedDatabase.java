package org.edibatch.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL of one data folder, shared by every edibatch process of that home. The first process
 * starts the server and owns it (zonky's {@code epg-lock} file lock, released by the kernel when the process dies);
 * a second process while it runs (a second night, {@code status}) connects to the same server instead of failing
 * on the lock, so the run lock answers it (exit 4) and {@code status} reads the night's progress. A server left
 * running by a process that was killed (its {@code postmaster.pid} alive, the file lock free) is stopped before a
 * new one starts on the same data, so the next run, a retry, always finds its database.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";

    private final EmbeddedPostgres owned;
    private final int port;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres owned, int port, Path dataDir) {
        this.owned = owned;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server of {@code dataDir}, or connects to the one another live process runs on it.
     *
     * @param wait how long to wait for another process's server that is still starting
     */
    public static EmbeddedDatabase open(Path dataDir, Duration wait) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!ownedByAnotherProcess(dir)) {
                stopOrphan(dir);
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir)
                            .setCleanDataDirectory(false).start();
                    log.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dir);
                    return new EmbeddedDatabase(pg, pg.getPort(), dir);
                } catch (IllegalStateException e) {
                    if (!ownedByAnotherProcess(dir)) {
                        throw e;
                    }
                    // another process started it meanwhile: connect to its server below
                }
            }
            Optional<Integer> port = readyPort(dir);
            if (port.isPresent() && accepting(port.get())) {
                log.info("embedded PostgreSQL of {} is run by another edibatch process: connecting to it on port {}",
                        dir, port.get());
                return new EmbeddedDatabase(null, port.get(), dir);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the embedded PostgreSQL of " + dir + " is held by another process but does not"
                        + " answer (waited " + wait.toSeconds() + " s)");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The URL connecting as {@code user}: the superuser migrates, the application runs as its own role. */
    public String jdbcUrl(String user) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=" + user;
    }

    public int port() {
        return port;
    }

    /** Whether this process started the server (and stops it on close). */
    public boolean owner() {
        return owned != null;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }

    /** Whether a live process holds the data folder's lock (a process of this JVM counts as another). */
    static boolean ownedByAnotherProcess(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            // never started (initdb wants the folder empty: do not create the file)
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Nobody holds the lock: a postmaster still running on this data was left by a process that died without
     * stopping it (kill -9, power cut of the JVM only). Its sessions are gone with their process; a fast shutdown
     * rolls back what they left open, as the crash of the run would have.
     */
    static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve(PID_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // PostgreSQL removes a pid file whose process is gone by itself
            return;
        }
        if (!isPostmasterOf(dir, pid, process.get())) {
            // the pid was reused by another process (after a reboot, say): PostgreSQL would take it for a live
            // server and refuse to start, and it must never be signalled
            log.warn("{} names process {}, which is not the PostgreSQL of this folder: removing the stale file",
                    pidFile, pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("embedded PostgreSQL (pid {}) on {} outlived the process that started it; stopping it", pid, dir);
        if (!signalAndWait(process.get(), "INT", Duration.ofSeconds(30))
                && !signalAndWait(process.get(), "QUIT", Duration.ofSeconds(15))) {
            throw new IOException("the embedded PostgreSQL left running on " + dir + " (pid " + pid
                    + ") does not stop; stop it, then run again");
        }
    }

    /** A postgres process started on this data folder (its command line says {@code -D <dir>}). */
    private static boolean isPostmasterOf(Path dir, long pid, ProcessHandle process) {
        String cmdline;
        try {
            cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ') + " ";
        } catch (IOException e) {
            cmdline = process.info().commandLine().orElse("") + " ";
        }
        return cmdline.contains("postgres") && cmdline.contains(" " + dir + " ");
    }

    /** PostgreSQL's shutdown modes are signals: INT is a fast shutdown, QUIT an immediate one. */
    private static boolean signalAndWait(ProcessHandle process, String signal, Duration wait) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(10, TimeUnit.SECONDS);
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + process.pid(), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot stop PostgreSQL " + process.pid(), e.getCause());
        }
    }

    /** The port of a server that says it is ready, from its pid file (line 4 the port, line 8 the status). */
    private static Optional<Integer> readyPort(Path dir) throws IOException {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(PID_FILE), StandardCharsets.UTF_8);
            if (lines.size() >= 8 && lines.get(3).strip().matches("\\d+") && lines.get(7).strip().equals("ready")) {
                return Optional.of(Integer.parseInt(lines.get(3).strip()));
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + port + " (" + dataDir + (owner() ? ", started here)" : ", shared)");
    }
}
