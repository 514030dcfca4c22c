package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sign", description = "write FILE.p7s (detached CMS) or FILE.p7m (attached)")
public class SignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "P12", description = "the signer's PKCS#12 key store")
    Path p12;

    @Parameters(index = "1", paramLabel = "PASSWORD", description = "its password")
    String password;

    @Parameters(index = "2", paramLabel = "FILE", description = "the file to sign")
    Path file;

    @Option(names = "--attached", description = "write FILE.p7m with the content inside")
    boolean attached;

    @Override
    public Integer call() throws Exception {
        ArgumentFiles.readableFile(spec, "FILE", file);
        Credential credential = ArgumentFiles.keyStore(spec, p12, password);
        Path written = file.resolveSibling(file.getFileName() + (attached ? ".p7m" : ".p7s"));
        new CmsSigner().sign(file, written, credential, !attached);
        spec.commandLine().getOut().println("wrote " + written);
        return ExitCodes.OK;
    }
}
