package org.edibatch.intake;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file, streamed; and the copy the claim verifies, made on the same pass. */
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
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), md)) {
            T result = reader.read(in);
            drain(in);
            return new Read<>(md.digest(), result);
        }
    }

    /**
     * {@link #sha256While} over {@code source} that also writes the bytes read into {@code target} (a temp file
     * flushed to disk, then renamed): the copy is a new file no one else holds open, so its bytes are exactly
     * those hashed and scanned, whatever is later written through a descriptor on the source.
     *
     * @throws UnreadableFileException when the source cannot be opened or read; a failure to write the copy is an
     *                                 IOException of the service (a full disk, say)
     */
    public static <T> Read<T> copyWhile(Path source, Path target, StreamReader<T> reader) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        MessageDigest md = newSha256();
        InputStream src;
        try {
            src = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UnreadableFileException(e);
        }
        T result;
        try (src; FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            Copying copying = new Copying(src, out, tmp);
            InputStream in = new DigestInputStream(copying, md);
            try {
                result = reader == null ? null : reader.read(in);
                drain(in);
            } catch (IOException e) {
                copying.rethrow();
                throw e;
            }
            // a reader may have swallowed an exception of the stream: which side failed decides whose fault it is
            copying.rethrow();
            try {
                out.flush();
            } catch (IOException e) {
                throw named(tmp, e);
            }
            // Not flushed here: the run's finish flushes it before it deletes the source, by which time the
            // system has written most of it back (flushing 10,000 fresh copies at claim costs ~50 s; see PERFORMANCE).
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Read<>(md.digest(), result);
    }

    /** A write failure naming the file written (a full disk's error alone names none). */
    static IOException named(Path target, IOException e) {
        if (e instanceof java.nio.file.FileSystemException) {
            return e;
        }
        java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(target.toString(), null,
                e.getMessage());
        named.addSuppressed(e);
        return named;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] rest = new byte[1 << 16];
        while (in.read(rest) >= 0) {
            // drained for the digest
        }
    }

    /** A stream that writes every byte read into {@code out}, telling read failures from write failures. */
    private static final class Copying extends FilterInputStream {
        private final OutputStream out;
        private final Path target;
        private IOException readFailure;
        private IOException writeFailure;

        Copying(InputStream in, OutputStream out, Path target) {
            super(in);
            this.out = out;
            this.target = target;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                readFailure = e;
                throw new UnreadableFileException(e);
            }
            if (n > 0) {
                try {
                    out.write(b, off, n);
                } catch (IOException e) {
                    writeFailure = named(target, e);
                    throw writeFailure;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }

        void rethrow() throws IOException {
            if (writeFailure != null) {
                throw writeFailure;
            }
            if (readFailure != null) {
                throw new UnreadableFileException(readFailure);
            }
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
