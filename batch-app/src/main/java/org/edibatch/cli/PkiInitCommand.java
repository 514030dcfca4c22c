package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.signature.DemoPki;
import org.edibatch.signature.OfficerPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Needs neither Spring nor the database, so it works on a machine with no database at all. */
@Command(name = "init", description = "create a demo PKI: root CA, issuing CA, CRLs, a key per registered party; the officers' console "
        + "certificates (officer, auditor, server)")
public class PkiInitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the folder to write it to")
    Path dir;

    @Option(names = "--now", paramLabel = "ISO", description = "the instant the certificates start from; default now")
    Instant now;

    @Override
    public Integer call() throws Exception {
        ArgumentFiles.folderToWrite(spec, "DIR", dir);
        DemoPki pki = DemoPki.create(dir, now != null ? now : Instant.now(), PkiCommands.registryParties());
        spec.commandLine().getOut().println("demo PKI written to " + pki.dir().toAbsolutePath() + " (PKCS#12 password "
                + DemoPki.PASSWORD + "): trust anchors in " + pki.trustDir() + ", CRLs in " + pki.crlDir()
                + ", a key per registered party, vendor and agency in " + pki.partiesDir() + " (the agencies' "
                + "encryption key: " + PkiCommands.AGENCY_ENCRYPTION + ".p12), certificates in " + pki.dir().resolve("certs"));
        OfficerPki officers = OfficerPki.create(dir, pki.now());
        spec.commandLine().getOut().println("officers' console PKI in " + officers.dir() + ": officer.p12, auditor.p12, "
                + "server.p12; its trust anchor in " + officers.trustDir());
        return ExitCodes.OK;
    }
}
