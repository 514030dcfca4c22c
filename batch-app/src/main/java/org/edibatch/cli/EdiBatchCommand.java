package org.edibatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top of the command line: the commands, and the options and exit codes every command shares. */
@Command(name = "edibatch",
        description = "EDI batch processor: customs declarations (UN/EDIFACT CUSDEC, XML) and sealed bids.",
        subcommands = {RunCommand.class, RestartCommand.class, StatusCommand.class, HistoryCommand.class,
                ReportCommand.class, VerifyLedgerCommand.class, ServeCommand.class, WorkerCommand.class,
                PkiCommand.class, SignCommand.class, SignSamplesCommand.class, TenderCommand.class, BidCommand.class,
                HelpCommand.class},
        footer = {"",
                "Options (any Spring property, as --name=value, on every command), e.g.:",
                "  --edibatch.home=DIR           base folder (inbox/, outbox/, archive/, quarantine/, reports/); default ./var",
                "  --edibatch.inbox=DIR          inbox folder; default HOME/inbox",
                "  --spring.datasource.url=URL   PostgreSQL JDBC URL; default: embedded PostgreSQL in HOME/pgdata",
                "  --edibatch.trust.anchors=DIR  trusted CA certificates; default HOME/pki/trust",
                "  --edibatch.trust.crls=DIR     CRL files; default HOME/pki/crl",
                "  --edibatch.signature.required=false   accept unsigned files (default: every file must be signed)",
                "  --logging.level.org.edibatch=WARN     less output",
                "  --debug                       a failure's stack trace after its one line",
                "",
                "Exit codes: 0 all accepted, 2 done with rejections, 3 failed (run again to resume),",
                "  4 another run holds the lock, 5 the ledger failed verification (verify-ledger, or a run's own check),",
                "  64 usage error (also: report of a run that does not exist, a missing argument file or a wrong password)"})
public class EdiBatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
