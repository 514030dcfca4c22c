package org.edibatch.job.customs;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault drill for operators and tests: when armed, the customs step fails after the given number of chunk
 * writes (before that chunk commits), as a crash or database outage would. Disarmed by default.
 */
public class FaultDrill {

    private final AtomicInteger remaining;

    public FaultDrill(int failAfterChunks) {
        this.remaining = new AtomicInteger(failAfterChunks);
    }

    public void arm(int failAfterChunks) {
        remaining.set(failAfterChunks);
    }

    public void disarm() {
        remaining.set(-1);
    }

    /** Called at the end of each chunk write, inside its transaction. */
    public void afterChunkWritten() {
        if (remaining.get() < 0) {
            return;
        }
        if (remaining.getAndDecrement() == 0) {
            throw new IllegalStateException("fault drill: chunk write aborted (edibatch.fault.fail-after-chunks)");
        }
    }
}
