package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "restart", description = "resume the last failed or interrupted customs run (run customs does this too)")
public class RestartCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public RestartCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        return spring.bean(CustomsRuns.class).run(true, spec.commandLine().getOut());
    }
}
