package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code run JOB}: the jobs an operator or cron starts. */
@Command(name = "run", description = "run a job: customs, nightly, bid-intake or bid-opening",
        subcommands = {RunNightlyCommand.class, RunCustomsCommand.class, RunBidIntakeCommand.class,
                RunBidOpeningCommand.class})
public class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "run what? customs, nightly, bid-intake or bid-opening");
    }
}
