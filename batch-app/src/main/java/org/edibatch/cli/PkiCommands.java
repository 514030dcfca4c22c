package org.edibatch.cli;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.schemas.ReferenceFiles;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.SignTool;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands that need neither Spring nor the database: the demo PKI and signing. They run before the
 * application context starts, so {@code pki init} works on a machine with no database at all.
 */
public final class PkiCommands {

    private PkiCommands() {
    }

    /** The registered parties of the party registry, with a credential each: brokers on EC P-256, importers on RSA. */
    public static List<DemoPki.Party> registryParties() {
        List<DemoPki.Party> parties = new ArrayList<>();
        for (var row : ReferenceFiles.load("parties").rows()) {
            parties.add(new DemoPki.Party(row.get("edi_id"), row.get("brn"),
                    "BROKER".equals(row.get("role")) ? DemoPki.KeyType.EC : DemoPki.KeyType.RSA));
        }
        return parties;
    }

    /** @return an exit code */
    public static int run(String[] args) throws Exception {
        List<String> words = new ArrayList<>();
        Instant now = Instant.now();
        boolean attached = false;
        for (String a : args) {
            if (a.startsWith("--now=")) {
                now = Instant.parse(a.substring(6));
            } else if (a.equals("--attached")) {
                attached = true;
            } else if (!a.startsWith("--")) {
                words.add(a);
            }
        }
        if (words.size() == 3 && words.get(0).equals("pki") && words.get(1).equals("init")) {
            DemoPki pki = DemoPki.create(Path.of(words.get(2)), now, registryParties());
            System.out.println("demo PKI written to " + pki.dir().toAbsolutePath() + " (PKCS#12 password "
                    + DemoPki.PASSWORD + "): trust anchors in " + pki.trustDir() + ", CRLs in " + pki.crlDir());
            return ExitCodes.OK;
        }
        if (words.size() == 4 && words.get(0).equals("sign")) {
            List<String> forward = new ArrayList<>(words);
            if (attached) {
                forward.add("--attached");
            }
            SignTool.main(forward.toArray(new String[0]));
            return ExitCodes.OK;
        }
        if (words.size() == 4 && words.get(0).equals("sign-samples")) {
            int n = signSamples(Path.of(words.get(1)), Path.of(words.get(2)), Path.of(words.get(3)));
            System.out.println(n + " file(s) copied to " + words.get(3) + " and signed by their UNB sender's demo key");
            return ExitCodes.OK;
        }
        System.out.println(CommandLine.USAGE);
        return ExitCodes.USAGE;
    }

    /**
     * Copies every file of {@code source} to {@code target} and signs it (detached NAME.p7s) with the demo
     * credential of its UNB sender; files whose sender has no credential, or that are not EDIFACT, are copied
     * unsigned (they make the unsigned samples). Signature files are written before the content they sign, so a
     * run claiming the inbox meanwhile never sees the content without its signature.
     */
    public static int signSamples(Path pkiDir, Path source, Path target) throws IOException, GeneralSecurityException {
        Files.createDirectories(target);
        int signed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(source)) {
            for (Path file : ds) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Path p12 = pkiDir.resolve("parties").resolve(sender(file) + ".p12");
                Path staged = Files.createTempFile(target, ".stage", ".tmp");
                Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
                if (sender(file) != null && Files.exists(p12)) {
                    Credential c = Credential.fromPkcs12(p12, DemoPki.PASSWORD.toCharArray());
                    Path p7s = target.resolve(file.getFileName() + ".p7s");
                    Path stagedSig = Files.createTempFile(target, ".stage", ".tmp");
                    new CmsSigner().sign(staged, stagedSig, c, true);
                    Files.move(stagedSig, p7s, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    signed++;
                }
                Files.move(staged, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return signed;
    }

    private static String sender(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int first = in.read();
            if (first == '<' || first == 0xEF) {
                try (InputStream again = Files.newInputStream(file);
                     XmlDeclarationReader x = XmlDeclarationReader.openUnvalidated(again, XmlLimits.defaults())) {
                    return x.header() == null ? null : x.header().senderId();
                }
            }
        }
        try (InputStream in = Files.newInputStream(file); InterchangeReader r = InterchangeReader.open(in, false)) {
            return r.header().sender();
        } catch (EdifactFormatException e) {
            return null;
        }
    }
}
