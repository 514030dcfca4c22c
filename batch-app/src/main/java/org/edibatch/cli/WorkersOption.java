package org.edibatch.cli;

import org.edibatch.job.customs.remote.RemoteWorkers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --workers=local|remote} of the commands that run the customs job, as a picocli mixin. */
final class WorkersOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--workers", paramLabel = "local|remote",
            description = "where the customs partitions run: threads here (default) or worker JVMs (edibatch.workers)")
    String workers;

    /** Checks the value and, for remote, sets the mode before the context starts, which reads it. */
    void apply(SpringContext spring) {
        if (workers != null && !workers.equals("local") && !workers.equals("remote")) {
            throw new ParameterException(spec.commandLine(), "--workers must be local or remote: " + workers);
        }
        if ("remote".equals(workers)) {
            remote(spring);
        }
    }

    /** Remote mode for this process, unless a context already runs. */
    static void remote(SpringContext spring) {
        if (!spring.running()) {
            // a --edibatch.workers=... on the command line still wins (and local is refused by the worker)
            System.setProperty(RemoteWorkers.MODE, "remote");
        }
    }
}
