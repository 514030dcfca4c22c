package org.edibatch.procurement;

import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;

/** A file and its detached NAME.p7s written into a folder an intake may be claiming at the same moment. */
public final class SignedDelivery {

    private SignedDelivery() {
    }

    /**
     * Writes {@code folder/name} and {@code folder/name.p7s} signed by {@code signer}. Both are staged under
     * dot-names the claim ignores, and the signature is moved in first: a run claiming the folder meanwhile never
     * takes the file without its signature.
     */
    public static Path write(byte[] content, Credential signer, Path folder, String name)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        Path staged = Files.createTempFile(folder, ".stage", ".tmp");
        Path stagedSig = Files.createTempFile(folder, ".stage", ".tmp");
        try {
            Files.write(staged, content);
            new CmsSigner().sign(staged, stagedSig, signer, true);
            Path target = folder.resolve(name);
            Files.move(stagedSig, folder.resolve(name + ".p7s"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(stagedSig);
        }
    }
}
