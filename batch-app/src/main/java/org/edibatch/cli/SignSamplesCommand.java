package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sign-samples", description = "copy SRC's files to DEST, each signed by its sender's demo key")
public class SignSamplesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PKI", description = "a folder written by pki init")
    Path pki;

    @Parameters(index = "1", paramLabel = "SRC", description = "the files to sign")
    Path source;

    @Parameters(index = "2", paramLabel = "DEST", description = "where the files and their signatures go")
    Path target;

    @Override
    public Integer call() throws Exception {
        int n = PkiCommands.signSamples(pki, source, target);
        spec.commandLine().getOut().println(n + " file(s) copied to " + target
                + " and signed by their UNB sender's demo key");
        return ExitCodes.OK;
    }
}
