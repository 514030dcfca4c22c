package org.edibatch.job.customs;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault drill for operators and tests: when armed, the customs step fails after the given number of chunk
 * writes (before that chunk commits), as a crash or database outage would. Disarmed by default.
 */
public class FaultDrill {

    private final AtomicInteger remaining;
    /** Files whose messages fail while they are decided: the poison drill (tests arm it, no property does). */
    private final java.util.Set<String> poisonedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FaultDrill(int failAfterChunks) {
        this.remaining = new AtomicInteger(failAfterChunks);
    }

    public void arm(int failAfterChunks) {
        remaining.set(failAfterChunks);
    }

    public void disarm() {
        remaining.set(-1);
    }

    /**
     * Poison drill: deciding any message of a file of this name throws, as an unexpected fault in the rules would,
     * to prove that such a message is refused and the night goes on.
     */
    public void poisonFile(String fileName) {
        poisonedFiles.add(fileName);
    }

    /** Called before a message is decided. */
    public void beforeDeciding(String fileName) {
        if (!poisonedFiles.isEmpty() && poisonedFiles.contains(fileName)) {
            throw new IllegalStateException("poison drill: deciding a message of " + fileName + " failed");
        }
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
