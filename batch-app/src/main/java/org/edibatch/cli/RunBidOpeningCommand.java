package org.edibatch.cli;

import org.edibatch.procurement.TenderRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** An unknown TENDER is a usage error (exit 64), not a night that opens nothing. */
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
        if (tender != null && !new TenderRepository(spring.bean(JdbcTemplate.class)).exists(tender)) {
            // like report of an unknown run: a tender id that names nothing is a mistake, not an empty night
            throw new ParameterException(spec.commandLine(), "no tender " + tender);
        }
        return spring.bean(ProcurementRuns.class).opening(tender, spec.commandLine().getOut());
    }
}
