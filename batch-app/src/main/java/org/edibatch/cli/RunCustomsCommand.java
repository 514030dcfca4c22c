package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "customs", description = "claim the inbox and run the customs job; resumes the last run if it failed")
public class RunCustomsCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--workers", paramLabel = "local|remote",
            description = "where the customs partitions run: threads here (default) or worker JVMs (edibatch.workers)")
    String workers;

    public RunCustomsCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        if (workers != null && !workers.equals("local") && !workers.equals("remote")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--workers must be local or remote: " + workers);
        }
        WorkerCommand.Workers.remote(spring, "remote".equals(workers));
        return spring.bean(CustomsRuns.class).run(false, spec.commandLine().getOut());
    }
}
