package org.edibatch.signature;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Command line for senders and operators.
 * <pre>
 * SignTool sign &lt;p12&gt; &lt;password&gt; &lt;file&gt; [--attached]   writes FILE.p7s (or FILE.p7m)
 * SignTool sign-xml &lt;p12&gt; &lt;password&gt; &lt;in.xml&gt; &lt;out.xml&gt;
 * SignTool verify &lt;trustDir&gt; &lt;crlDir&gt; &lt;file&gt;            FILE.p7s beside it, FILE ending .p7m, or signed XML
 * </pre>
 * A command line that is not understood exits 64 with one line on stderr; a command that succeeds or throws
 * returns without exiting, so tests can call {@link #main} in their own JVM.
 */
@Command(name = "SignTool", description = "sign and verify files as senders and the customs office do",
        subcommands = HelpCommand.class)
public final class SignTool implements Callable<Integer> {

    private static final int USAGE = 64;

    @Spec
    private CommandSpec spec;

    private SignTool() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine cl = new CommandLine(new SignTool());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("SignTool: " + ex.getMessage().replace('\n', ' '));
            return USAGE;
        });
        int code = cl.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required: sign, sign-xml or verify");
    }

    /** Signs {@code file} with the key in {@code p12}: a detached FILE.p7s, or FILE.p7m holding the content. */
    public static Path sign(Path p12, char[] password, Path file, boolean attached) throws Exception {
        Path out = file.resolveSibling(file.getFileName() + (attached ? ".p7m" : ".p7s"));
        new CmsSigner().sign(file, out, Credential.fromPkcs12(p12, password), !attached);
        return out;
    }

    @Command(name = "sign", description = "write FILE.p7s (detached CMS) or FILE.p7m (attached)")
    void signCommand(@Parameters(paramLabel = "P12") Path p12, @Parameters(paramLabel = "PASSWORD") String password,
                     @Parameters(paramLabel = "FILE") Path file,
                     @Option(names = "--attached", description = "the content inside the signature") boolean attached)
            throws Exception {
        System.out.println("wrote " + sign(p12, password.toCharArray(), file, attached));
    }

    @Command(name = "sign-xml", description = "write OUT, IN with an enveloped XML signature")
    void signXml(@Parameters(paramLabel = "P12") Path p12, @Parameters(paramLabel = "PASSWORD") String password,
                 @Parameters(paramLabel = "IN") Path in, @Parameters(paramLabel = "OUT") Path out) throws Exception {
        new XmlSigner().sign(in, out, Credential.fromPkcs12(p12, password.toCharArray()));
        System.out.println("wrote " + out);
    }

    @Command(name = "verify", description = "verify FILE: FILE.p7s beside it, FILE ending .p7m, or signed XML")
    void verify(@Parameters(paramLabel = "TRUST_DIR") Path trustDir, @Parameters(paramLabel = "CRL_DIR") Path crlDir,
                @Parameters(paramLabel = "FILE") Path file) throws Exception {
        System.out.println(verify(new TrustConfig(trustDir, crlDir), file));
    }

    private static VerificationOutcome verify(TrustConfig config, Path file) throws Exception {
        TrustStore trust = TrustStore.load(config);
        String name = file.getFileName().toString();
        Instant now = Instant.now();
        if (name.endsWith(".p7m")) {
            Path out = file.resolveSibling(name.substring(0, name.length() - 4));
            return new CmsVerifier(trust).verifyAttached(file, out, now);
        }
        if (name.endsWith(".xml")) {
            return new XmlDsigVerifier(trust).verify(file, now);
        }
        return new CmsVerifier(trust).verifyDetached(file, file.resolveSibling(name + ".p7s"), now);
    }
}
