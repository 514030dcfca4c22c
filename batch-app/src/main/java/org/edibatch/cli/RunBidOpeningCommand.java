package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "bid-opening",
        description = "open every due tender (or reopen TENDER): draw, reserve price, award, notices")
public class RunBidOpeningCommand implements Callable<Integer> {

    private final SpringContext spring;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TENDER", description = "the tender to reopen")
    String tender;

    public RunBidOpeningCommand(SpringContext spring) {
        this.spring = spring;
    }

    @Override
    public Integer call() throws Exception {
        return spring.bean(ProcurementRuns.class).opening(tender, spec.commandLine().getOut());
    }
}
