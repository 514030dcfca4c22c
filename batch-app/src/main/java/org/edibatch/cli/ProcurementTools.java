package org.edibatch.cli;

import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.TenderNotice;
import org.edibatch.procurement.TenderNotices;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * What the agency's and bidder's commands share, without Spring or the database: their default folders and the
 * certificates and notices they are given, each problem one line and exit 64 before anything is written.
 */
final class ProcurementTools {

    private ProcurementTools() {
    }

    /** The home the application uses by default: EDIBATCH_HOME, else ./var (as edibatch.home). */
    static Path home() {
        String env = System.getenv("EDIBATCH_HOME");
        return Path.of(env == null || env.isBlank() ? "var" : env);
    }

    static X509Certificate certificate(CommandSpec spec, String label, Path file) {
        ArgumentFiles.readableFile(spec, label, file);
        try {
            return TenderNotices.certificate(Files.readAllBytes(file));
        } catch (IOException | CertificateException | RuntimeException e) {
            throw CommandFailure.refused(spec.qualifiedName(" "), label + " " + file
                    + " is not an X.509 certificate (PEM or DER)", e);
        }
    }

    /** A notice that loading would read (T01, T03 otherwise), as its bytes. */
    static byte[] notice(CommandSpec spec, Path file) {
        ArgumentFiles.readableFile(spec, "--notice", file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            TenderNotice.parse(bytes);
            return bytes;
        } catch (ProcurementFormatException e) {
            throw CommandFailure.refused(spec.qualifiedName(" "), "--notice " + file + ": " + e.code() + " "
                    + e.code().text() + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw CommandFailure.refused(spec.qualifiedName(" "), "--notice " + file + " cannot be read", e);
        }
    }

    /** The certificate bidders seal to: the notice's, or the file's; exactly one of the two must be given. */
    static X509Certificate agencyCertificate(CommandSpec spec, Path notice, Path certificateFile) {
        if ((notice == null) == (certificateFile == null)) {
            throw CommandFailure.refused(spec.qualifiedName(" "), "give either --notice or --agency-cert");
        }
        if (certificateFile != null) {
            return certificate(spec, "--agency-cert", certificateFile);
        }
        try {
            return TenderNotices.encryptionCertificate(notice(spec, notice)).orElseThrow(() -> CommandFailure.refused(
                    spec.qualifiedName(" "), "--notice " + notice + " names no EncryptionCertificate: give --agency-cert"));
        } catch (ProcurementFormatException e) {
            throw CommandFailure.refused(spec.qualifiedName(" "), "--notice " + notice + ": " + e.getMessage(), e);
        }
    }
}
