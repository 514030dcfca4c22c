package org.edibatch.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file, streamed. */
public final class FileDigest {
    private FileDigest() {
    }

    public static String sha256(Path file) throws IOException {
        return sha256While(file, in -> null).hex();
    }

    /** Reads what it needs of a stream; the rest of the file is read after it, for the digest. */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** A file's SHA-256 and what a reader made of its bytes on the same pass. */
    public record Read<T>(byte[] sha256, T result) {
        public String hex() {
            return HexFormat.of().formatHex(sha256);
        }
    }

    /**
     * One pass over the file for its SHA-256 and for {@code reader}, which sees the bytes as they are hashed:
     * intake needs both the digest and a scan of every file, and the digest is also what a detached signature
     * covers, so one read serves all three.
     */
    public static <T> Read<T> sha256While(Path file, StreamReader<T> reader) throws IOException {
        MessageDigest md = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            T result = reader.read(in);
            byte[] rest = new byte[1 << 16];
            while (in.read(rest) >= 0) {
                // drained for the digest
            }
            return new Read<>(md.digest(), result);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
