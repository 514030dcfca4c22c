package org.edibatch.cli;

import org.edibatch.signature.Credential;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The files and folders the commands that need no database are given, checked before any work: each problem is
 * one line naming the argument and the path, exit 64, so nothing is half written.
 */
final class ArgumentFiles {

    private ArgumentFiles() {
    }

    static Path readableFile(CommandSpec spec, String label, Path path) {
        if (!Files.exists(path)) {
            throw CommandFailure.refused(name(spec), label + " " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw CommandFailure.refused(name(spec), label + " " + path + " is not a file");
        }
        if (!Files.isReadable(path)) {
            throw CommandFailure.refused(name(spec), label + " " + path + " cannot be read");
        }
        return path;
    }

    static Path readableFolder(CommandSpec spec, String label, Path path) {
        if (!Files.isDirectory(path)) {
            throw CommandFailure.refused(name(spec), label + " " + path
                    + (Files.exists(path) ? " is not a folder" : " does not exist"));
        }
        return path;
    }

    /** A folder to write to: absent (it is created) or a folder, not a file. */
    static Path folderToWrite(CommandSpec spec, String label, Path path) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw CommandFailure.refused(name(spec), label + " " + path + " is not a folder");
        }
        return path;
    }

    /** The signing key of a PKCS#12 key store; a wrong password and a file that is not one read alike. */
    static Credential keyStore(CommandSpec spec, Path p12, String password) {
        readableFile(spec, "P12", p12);
        try {
            return Credential.fromPkcs12(p12, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw CommandFailure.refused(name(spec), "cannot open the key store " + p12
                    + ": wrong password, or not a PKCS#12 key store with a private key", e);
        }
    }

    private static String name(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }
}
