package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "customs", description = "claim the inbox and run the customs job; resumes the last run if it failed")
public class RunCustomsCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkersOption workers;

    public RunCustomsCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        workers.apply(spring);
        return spring.bean(CustomsRuns.class).run(false, spec.commandLine().getOut());
    }
}
