package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.run.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The nightly flow under one lock: customs, then bid intake and the opening of due tenders when
 * procurement is configured (an agency keystore is set). The exit code is the worst of the parts.
 */
@Command(name = "nightly",
        description = "the nightly flow: customs, then bid intake and opening of due tenders (when configured)")
public class RunNightlyCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkersOption workers;

    public RunNightlyCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        workers.apply(spring);
        PrintWriter out = spec.commandLine().getOut();
        try (RunLock lock = RunLock.tryAcquire(spring.bean(DataSource.class))) {
            if (lock == null) {
                out.println("another run holds the lock; nothing done");
                return ExitCodes.LOCKED;
            }
            ProcurementRuns procurement = spring.bean(ProcurementRuns.class);
            if (procurement.configured()) {
                // an unusable trust store fails the night before customs answers anyone, not halfway through
                procurement.preflight();
            }
            int code = spring.bean(CustomsRuns.class).runHoldingLock(out);
            if (code == ExitCodes.FAILED_RERUN_TO_RESUME || code == ExitCodes.LOCKED) {
                return code;
            }
            if (!procurement.configured()) {
                out.println("procurement: no agency keystore configured (edibatch.procurement.agency-keystore); skipped");
                return code;
            }
            code = worst(code, procurement.intakeHoldingLock(out));
            if (code == ExitCodes.FAILED_RERUN_TO_RESUME) {
                return code;
            }
            return worst(code, procurement.openingHoldingLock(null, out));
        }
    }

    private static int worst(int a, int b) {
        if (a == ExitCodes.FAILED_RERUN_TO_RESUME || b == ExitCodes.FAILED_RERUN_TO_RESUME) {
            return ExitCodes.FAILED_RERUN_TO_RESUME;
        }
        return Math.max(a, b);
    }
}
