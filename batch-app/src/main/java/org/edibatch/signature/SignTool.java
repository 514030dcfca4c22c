package org.edibatch.signature;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Command line for senders and operators.
 * <pre>
 * SignTool sign &lt;p12&gt; &lt;password&gt; &lt;file&gt; [--attached]   writes FILE.p7s (or FILE.p7m)
 * SignTool sign-xml &lt;p12&gt; &lt;password&gt; &lt;in.xml&gt; &lt;out.xml&gt;
 * SignTool verify &lt;trustDir&gt; &lt;crlDir&gt; &lt;file&gt;            FILE.p7s beside it, FILE ending .p7m, or signed XML
 * </pre>
 */
public final class SignTool {

    private SignTool() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        if (a.size() >= 4 && a.get(0).equals("sign")) {
            boolean attached = a.size() == 5 && a.get(4).equals("--attached");
            Path file = Path.of(a.get(3));
            Path out = file.resolveSibling(file.getFileName() + (attached ? ".p7m" : ".p7s"));
            Credential c = Credential.fromPkcs12(Path.of(a.get(1)), a.get(2).toCharArray());
            new CmsSigner().sign(file, out, c, !attached);
            System.out.println("wrote " + out);
        } else if (a.size() == 5 && a.get(0).equals("sign-xml")) {
            Credential c = Credential.fromPkcs12(Path.of(a.get(1)), a.get(2).toCharArray());
            new XmlSigner().sign(Path.of(a.get(3)), Path.of(a.get(4)), c);
            System.out.println("wrote " + a.get(4));
        } else if (a.size() == 4 && a.get(0).equals("verify")) {
            System.out.println(verify(new TrustConfig(Path.of(a.get(1)), Path.of(a.get(2))), Path.of(a.get(3))));
        } else {
            System.err.println("usage: SignTool sign <p12> <password> <file> [--attached]\n"
                    + "       SignTool sign-xml <p12> <password> <in.xml> <out.xml>\n"
                    + "       SignTool verify <trustDir> <crlDir> <file>");
            System.exit(2);
        }
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
