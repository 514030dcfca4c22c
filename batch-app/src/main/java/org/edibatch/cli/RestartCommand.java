package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "restart", description = "resume the last failed or interrupted customs run (run customs does this too)")
public class RestartCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @Option(names = "--abandon", description = "give the run up instead: never-registered files back to the inbox, "
            + "registered ones quarantined with a reason; the next run is a new one")
    boolean abandon;

    public RestartCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        if (abandon) {
            return spring.bean(CustomsAbandon.class).abandon(spec.commandLine().getOut());
        }
        return spring.bean(CustomsRuns.class).run(true, spec.commandLine().getOut());
    }
}
