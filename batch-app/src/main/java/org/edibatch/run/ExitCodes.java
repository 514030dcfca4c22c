package org.edibatch.run;

/** The process exit codes operators and cron wrappers rely on (documented in README.md). */
public final class ExitCodes {
    /** Everything was processed and accepted. */
    public static final int OK = 0;
    /** The run completed; some input was refused whole or rejected (answered, reported, quarantined). */
    public static final int DONE_WITH_REJECTIONS = 2;
    /** The run failed (database down, disk full...): run the same command again to resume it. */
    public static final int FAILED_RERUN_TO_RESUME = 3;
    /** Another run holds the lock: nothing was done. */
    public static final int LOCKED = 4;
    /**
     * The ledger failed verification: verify-ledger, or the check a run makes of its own entries when it seals
     * them, found an entry, a total or an archived file that differs from what was recorded.
     */
    public static final int LEDGER_DIFFERS = 5;
    /** The command line was not understood. */
    public static final int USAGE = 64;

    private ExitCodes() {
    }
}
