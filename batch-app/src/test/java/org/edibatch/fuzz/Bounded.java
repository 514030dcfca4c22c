package org.edibatch.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs one try within bounds: CPU time of the reading thread (not wall time, which a shared machine stretches)
 * at most {@code fuzz.cpu-ms} (default 2,000: issue 17's bound per input), and a wall-clock stop for a hang.
 */
final class Bounded {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final long CPU_MS = Long.getLong("fuzz.cpu-ms", 2_000);
    private static final Duration HANG = Duration.ofSeconds(Long.getLong("fuzz.hang-seconds", 60));

    interface Body {
        void run() throws Exception;
    }

    private Bounded() {
    }

    static void run(Mutator.Input input, Body body) {
        long cpuNanos = assertTimeoutPreemptively(HANG, () -> {
            long start = THREADS.getCurrentThreadCpuTime();
            body.run();
            return THREADS.getCurrentThreadCpuTime() - start;
        }, () -> "no outcome within " + HANG + ": " + input);
        assertThat(cpuNanos / 1_000_000).as("CPU ms for %s", input).isLessThanOrEqualTo(CPU_MS);
    }
}
