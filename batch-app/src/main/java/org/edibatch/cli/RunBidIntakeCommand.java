package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "bid-intake", description = "load tender notices and bids: verify, store sealed, answer receipts")
public class RunBidIntakeCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    public RunBidIntakeCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        return spring.bean(ProcurementRuns.class).intake(spec.commandLine().getOut());
    }
}
