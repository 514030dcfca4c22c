package org.edibatch.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link Error} (out of memory, stack overflow, a class that cannot load) ends the process at once with exit 3,
 * after one line in the log. Such a JVM cannot be trusted to roll back, close a COPY or release what it holds:
 * after an OutOfMemoryError a worker may wait forever on its connection while the run lock stays taken.
 * {@link Runtime#halt} needs none of that: the server sees the connections close, rolls their transactions back
 * and frees the advisory lock (session-level), so the next run resumes from the last commit.
 * <p>Armed only by the command line ({@link #install()}); an application embedded elsewhere (tests) gets its
 * Errors thrown as usual.
 */
public final class FatalErrors {

    private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);
    /** How long the one log line may take before the process ends without it. */
    private static final long WATCHDOG_SECONDS = 5;

    private static volatile boolean armed;
    /** Memory given back when an Error arrives, so that the log line can still be written after an OOM. */
    private static volatile byte[] reserve;
    private static final CountDownLatch FATAL = new CountDownLatch(1);

    private FatalErrors() {
    }

    /** Arms the halt for this process: the command line calls it before anything else runs. */
    public static synchronized void install() {
        if (armed) {
            return;
        }
        reserve = new byte[1 << 20];
        // started now: after an OutOfMemoryError there may be no memory left to start a thread
        Thread watchdog = new Thread(() -> {
            try {
                FATAL.await();
                Thread.sleep(TimeUnit.SECONDS.toMillis(WATCHDOG_SECONDS));
            } catch (InterruptedException e) {
                // halting anyway
            }
            Runtime.getRuntime().halt(ExitCodes.FAILED_RERUN_TO_RESUME);
        }, "fatal-error-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            haltIfFatal(e);
            log.error("uncaught in thread {}", thread.getName(), e);
        });
        armed = true;
    }

    public static boolean armed() {
        return armed;
    }

    /** Halts the process (exit 3) when {@code t}, one of its causes or suppressed exceptions is an Error. */
    public static void haltIfFatal(Throwable t) {
        if (armed) {
            Error error = errorIn(t);
            if (error != null) {
                halt(error);
            }
        }
    }

    /** The Error within {@code t} (itself, a cause or a suppressed exception), or null. */
    public static Error errorIn(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return find(t, seen);
    }

    private static Error find(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t) || seen.size() > 100) {
            return null;
        }
        if (t instanceof Error e) {
            return e;
        }
        for (Throwable s : t.getSuppressed()) {
            Error e = find(s, seen);
            if (e != null) {
                return e;
            }
        }
        return find(t.getCause(), seen);
    }

    /**
     * The database is gone (a connection broke, or none could be had within {@code edibatch.database.timeout}):
     * nothing of the run can be recorded any more, not even its failure, and each further attempt would wait the
     * timeout again. Ends the process as for an Error; the next run finds the run unfinished and resumes it.
     */
    public static void databaseLost(java.sql.SQLException e) {
        if (armed) {
            halt("the database was lost", e.getSQLState() + " " + reason(e));
        }
    }

    /** The driver's reason, without the statement a batch failure quotes whole (up to a chunk of rows). */
    private static String reason(java.sql.SQLException e) {
        String m = String.valueOf(e.getMessage());
        int aborted = m.indexOf(" was aborted: ");
        if (aborted >= 0) {
            m = m.substring(aborted + " was aborted: ".length()).replace("Call getNextException to see other errors "
                    + "in the batch.", "").strip();
        }
        m = m.replaceAll("\\s*\\R\\s*", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    private static void halt(Error error) {
        StackTraceElement[] at = error.getStackTrace();
        halt("fatal error", error + " (thread " + Thread.currentThread().getName()
                + (at.length == 0 ? "" : ", at " + at[0]) + ")");
    }

    private static void halt(String what, String detail) {
        reserve = null;
        FATAL.countDown();
        try {
            log.error("{}, the run ends now with exit 3 and resumes at the next start: {}", what, detail);
        } catch (Throwable ignored) {
            // no log line to be had: ending matters more
        } finally {
            Runtime.getRuntime().halt(ExitCodes.FAILED_RERUN_TO_RESUME);
        }
    }
}
