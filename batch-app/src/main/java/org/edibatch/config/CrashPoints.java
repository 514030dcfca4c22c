package org.edibatch.config;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points in a run where the crash-safety harness stops the process. When the configured point is
 * reached for the configured time ({@code edibatch.fault.crash-at=claim.moved:3}), the process prints
 * {@code CRASHPOINT <name>} and freezes; the harness then kills it with SIGKILL, so nothing after that
 * point runs: no finally block, no rollback by the application, no shutdown hook. Inert unless configured.
 */
public final class CrashPoints {

    private static volatile String target;
    private static volatile int hit;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private CrashPoints() {
    }

    /** @param spec {@code name:n}, or null/blank to disarm */
    public static void arm(String spec) {
        COUNT.set(0);
        if (spec == null || spec.isBlank()) {
            target = null;
            return;
        }
        int colon = spec.lastIndexOf(':');
        target = colon < 0 ? spec : spec.substring(0, colon);
        hit = colon < 0 ? 1 : Integer.parseInt(spec.substring(colon + 1));
    }

    public static void reach(String name) {
        String t = target;
        if (t == null || !t.equals(name) || COUNT.incrementAndGet() != hit) {
            return;
        }
        System.out.println("CRASHPOINT " + name + ":" + hit);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep frozen: only SIGKILL ends this process
            }
        }
    }
}
