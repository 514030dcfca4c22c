package org.edibatch.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points in a run where the crash-safety harness stops the process. When the configured point is
 * reached for the configured time ({@code edibatch.fault.crash-at=claim.moved:3}), the process prints
 * {@code CRASHPOINT <name>} and freezes; the harness then kills it with SIGKILL, so nothing after that
 * point runs: no finally block, no rollback by the application, no shutdown hook. Inert unless configured.
 * Two other drills at the same points: {@code name:n:pause} waits there for a line on standard input (the fault
 * tests kill the database meanwhile), {@code name:n:out-of-memory} fills the heap there until the JVM throws
 * OutOfMemoryError.
 */
public final class CrashPoints {

    private static volatile String target;
    private static volatile int hit;
    private static volatile String mode;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private CrashPoints() {
    }

    /** @param spec {@code name:n} or {@code name:n:mode} (pause, out-of-memory), or null/blank to disarm */
    public static void arm(String spec) {
        COUNT.set(0);
        if (spec == null || spec.isBlank()) {
            target = null;
            return;
        }
        String[] parts = spec.split(":", 3);
        target = parts[0];
        hit = parts.length < 2 ? 1 : Integer.parseInt(parts[1]);
        mode = parts.length < 3 ? FREEZE : parts[2];
        if (!List.of(FREEZE, PAUSE, OUT_OF_MEMORY).contains(mode)) {
            throw new IllegalArgumentException("crash point mode must be " + PAUSE + " or " + OUT_OF_MEMORY + ": " + spec);
        }
    }

    private static final String FREEZE = "freeze";
    private static final String PAUSE = "pause";
    private static final String OUT_OF_MEMORY = "out-of-memory";

    public static void reach(String name) {
        String t = target;
        if (t == null || !t.equals(name) || COUNT.incrementAndGet() != hit) {
            return;
        }
        System.out.println("CRASHPOINT " + name + ":" + hit);
        System.out.flush();
        if (PAUSE.equals(mode)) {
            try {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (OUT_OF_MEMORY.equals(mode)) {
            List<long[]> heap = new ArrayList<>();
            while (true) {
                heap.add(new long[16 << 20]); // 128 MB at a time: full in a few allocations, not minutes of GC
            }
        }
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep frozen: only SIGKILL ends this process
            }
        }
    }
}
