package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sign-samples", description = "copy SRC's files to DEST, signing each whose sender has a demo key")
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
        ArgumentFiles.readableFolder(spec, "PKI", pki);
        ArgumentFiles.readableFolder(spec, "SRC", source);
        ArgumentFiles.folderToWrite(spec, "DEST", target);
        int signed = PkiCommands.signSamples(pki, source, target);
        long copied;
        try (var files = java.nio.file.Files.list(source)) {
            copied = files.filter(java.nio.file.Files::isRegularFile).count();
        }
        spec.commandLine().getOut().println(copied + " file(s) copied to " + target + ", " + signed
                + " of them signed by their sender's demo key (the others have no known sender: left unsigned)");
        return ExitCodes.OK;
    }
}
