package org.edibatch.run;

/** The advisory lock key of the run lock, shared with anything that must know whether a run is going on. */
public final class RunLockKey {
    /** "EDIBATCH" in ASCII. */
    public static final long KEY = 0x4544494241544348L;

    private RunLockKey() {
    }
}
