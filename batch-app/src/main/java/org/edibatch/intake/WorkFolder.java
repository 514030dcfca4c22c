package org.edibatch.intake;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.config.CrashPoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run's work folder. Each claimed delivery gets a number N and is named by it, never by what its sender called
 * it (a name may be as long as the file system allows, or hold anything but a slash); the name is kept as data:
 * <ul>
 *   <li>{@code N.name}: the delivery's role and original name, written before anything is moved;</li>
 *   <li>{@code N.in}, {@code N.p7s.in}: the delivered file and its detached signature, as moved from the inbox
 *       (the sender's own inode: a descriptor it kept open still writes into it);</li>
 *   <li>{@code N.data}, {@code N.p7s}: the copies the claim makes while hashing them, which is what it verifies
 *       and what the later steps read; the moved originals stay until the finish step has flushed the copies
 *       ({@link #release}), so that a crash of the machine cannot lose both;</li>
 *   <li>{@code N.content}: the content extracted from a .p7m.</li>
 * </ul>
 */
public final class WorkFolder {

    private static final String FILE_ROLE = "FILE";

    private final Path dir;

    public WorkFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** A claimed delivery: {@code role} null for a file, else the code its signature-only delivery is refused with. */
    public record Unit(Path dir, long number, String name, String role) {

        public Path nameFile() {
            return dir.resolve(number + ".name");
        }

        public Path moved() {
            return dir.resolve(number + ".in");
        }

        public Path signatureMoved() {
            return dir.resolve(number + ".p7s.in");
        }

        /** The copy of the delivered file, the bytes verified and read. */
        public Path data() {
            return dir.resolve(number + ".data");
        }

        /** The copy of the detached signature. */
        public Path signature() {
            return dir.resolve(number + ".p7s");
        }

        /** The content extracted from a .p7m. */
        public Path content() {
            return dir.resolve(number + ".content");
        }

        /** Whether the delivery is a .p7m (CMS SignedData wrapping its content). */
        public boolean attached() {
            return role == null && name.endsWith(FileSignatureCheck.ATTACHED);
        }

        /**
         * The delivered file's copy, its SHA-256 and what {@code reader} (null for none) made of its bytes, on one
         * pass; made once: a restart finds the copy and reads it instead.
         */
        public <T> FileDigest.Read<T> secure(FileDigest.StreamReader<T> reader) throws IOException {
            return Files.exists(data(), LinkOption.NOFOLLOW_LINKS)
                    ? FileDigest.sha256While(data(), reader == null ? in -> null : reader)
                    : FileDigest.copyWhile(moved(), data(), reader);
        }

        /** The detached signature's copy (made once), or null when the delivery has none. */
        public Path secureSignature() throws IOException {
            if (!Files.exists(signature(), LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.exists(signatureMoved(), LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                FileDigest.copyWhile(signatureMoved(), signature(), null);
            }
            return signature();
        }

        /** Where the delivered file sits now (its copy, or the moved entry when it was never copied). */
        public Path current() {
            return Files.exists(data(), LinkOption.NOFOLLOW_LINKS) ? data() : moved();
        }

        /** Where its detached signature sits now, or null. */
        public Path currentSignature() {
            if (Files.exists(signature(), LinkOption.NOFOLLOW_LINKS)) {
                return signature();
            }
            return Files.exists(signatureMoved(), LinkOption.NOFOLLOW_LINKS) ? signatureMoved() : null;
        }
    }

    /** The {@code N.name} record of the unit a work path belongs to (N.data, N.in...), to delete once it is done. */
    public static Path nameFileOf(Path workPath) {
        String n = workPath.getFileName().toString();
        int dot = n.indexOf('.');
        return workPath.resolveSibling((dot < 0 ? n : n.substring(0, dot)) + ".name");
    }

    /**
     * Flushes the copies of the unit a work path belongs to and deletes the originals they were made from, and any
     * temp file of a copy that failed. Called by the finish step, before it moves the copies out.
     */
    public static void release(Path workPath) throws IOException {
        String n = workPath.getFileName().toString();
        String number = n.indexOf('.') < 0 ? n : n.substring(0, n.indexOf('.'));
        Path dir = workPath.getParent();
        for (String copy : new String[]{".data", ".p7s"}) {
            Path made = dir.resolve(number + copy);
            Path original = dir.resolve(number + copy.replace(".data", "") + ".in");
            Files.deleteIfExists(dir.resolve("." + number + copy + ".tmp"));
            if (Files.isRegularFile(made, LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
                try (FileChannel ch = FileChannel.open(made, StandardOpenOption.WRITE)) {
                    ch.force(false);
                }
                Files.delete(original);
            }
        }
    }

    /**
     * Does what {@link #release} does for many units at once: every copy flushed first, many flushes waiting
     * together ({@link AtomicFiles#forceAll}), then every original deleted, many at a time. Release then finds
     * nothing left to do for these units.
     */
    public static void releaseAll(Collection<Path> workPaths) throws IOException {
        List<Path> copies = new ArrayList<>();
        List<Path> originals = new ArrayList<>();
        for (Path workPath : workPaths) {
            String n = workPath.getFileName().toString();
            String number = n.indexOf('.') < 0 ? n : n.substring(0, n.indexOf('.'));
            Path dir = workPath.getParent();
            for (String copy : new String[]{".data", ".p7s"}) {
                Path made = dir.resolve(number + copy);
                Path original = dir.resolve(number + copy.replace(".data", "") + ".in");
                Files.deleteIfExists(dir.resolve("." + number + copy + ".tmp"));
                if (Files.isRegularFile(made, LinkOption.NOFOLLOW_LINKS)
                        && Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
                    copies.add(made);
                    originals.add(original);
                }
            }
        }
        AtomicFiles.forceAll(copies);
        AtomicFiles.deleteAll(originals);
    }

    /** Characters of an original name kept in an archive or quarantine name (the rest is in the database). */
    private static final int KEPT_CHARS = 100;

    /**
     * The name a delivery has in the archive or quarantine: its inbound file id, then its original name with every
     * character other than ASCII letters, digits, '.', '_' and '-' made '_', shortened in the middle when long.
     * Unique by the id, within any file system's limit, and harmless in a shell; the exact name is in the database
     * and the reason file.
     */
    public static String keptName(long id, String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > KEPT_CHARS) {
            safe = safe.substring(0, 60) + "~" + safe.substring(safe.length() - (KEPT_CHARS - 61));
        }
        return id + "_" + safe;
    }

    /** The file system's present time: file times are stamped by its clock, so ages are measured against it. */
    public Instant fileSystemNow() throws IOException {
        Files.createDirectories(dir);
        Path probe = Files.createTempFile(dir, ".now", ".tmp");
        try {
            return Files.getLastModifiedTime(probe).toInstant();
        } finally {
            Files.delete(probe);
        }
    }

    /**
     * Moves the deliveries in, numbered after those already here. The N.name record comes first and the signature
     * before its file, so that a crash at any point leaves what {@link #recover} can finish.
     */
    public void take(List<Deliveries.Delivery> ready) throws IOException {
        Files.createDirectories(dir);
        long next = units().stream().mapToLong(Unit::number).max().orElse(0) + 1;
        for (Deliveries.Delivery d : ready) {
            long n = next++;
            Unit u = new Unit(dir, n, d.name(), d.role());
            writeName(u);
            if (d.signature() != null) {
                Files.move(d.signature().path(), u.signatureMoved(), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(d.file().path(), u.moved(), StandardCopyOption.ATOMIC_MOVE);
            CrashPoints.reach("claim.moved");
        }
    }

    /**
     * Finishes the moves a crash interrupted: a record whose file is still in the inbox gets it (found by name),
     * a record with nothing moved is dropped, so its delivery is claimed again under the same number.
     */
    public void recover(Path inbox) throws IOException {
        for (Unit u : units()) {
            if (Deliveries.Kind.at(u.moved()) != null || Deliveries.Kind.at(u.data()) != null) {
                continue;
            }
            boolean signature = Deliveries.Kind.at(u.signatureMoved()) != null;
            if (!signature) {
                Files.delete(u.nameFile());
                continue;
            }
            Deliveries.Entry file = Deliveries.entries(inbox).stream().filter(e -> e.name().equals(u.name()))
                    .findFirst().orElse(null);
            if (file != null) {
                Files.move(file.path(), u.moved(), StandardCopyOption.ATOMIC_MOVE);
            } else {
                // its file was taken back meanwhile: the signature stands alone, refused as such
                Unit alone = new Unit(dir, u.number(), u.name() + FileSignatureCheck.DETACHED,
                        Deliveries.ORPHAN_SIGNATURE);
                writeName(alone);
                Files.move(u.signatureMoved(), alone.moved(), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Every unit recorded here, in number order. */
    public List<Unit> units() throws IOException {
        TreeMap<Long, Unit> units = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(".name") || n.startsWith(".")) {
                    continue;
                }
                long number = Long.parseLong(n.substring(0, n.length() - ".name".length()));
                String text = Files.readString(p, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                String role = text.substring(0, nl);
                units.put(number, new Unit(dir, number, text.substring(nl + 1), FILE_ROLE.equals(role) ? null : role));
            }
        }
        return new ArrayList<>(units.values());
    }

    private static void writeName(Unit u) throws IOException {
        Path tmp = u.dir().resolve("." + u.number() + ".name.tmp");
        try {
            Files.writeString(tmp, (u.role() == null ? FILE_ROLE : u.role()) + "\n" + u.name(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FileDigest.named(tmp, e);
        }
        Files.move(tmp, u.nameFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Moves a registered file out of the work folder into {@code folder} as {@link #keptName}, with its
     * signature beside it ({@code .p7s}; a {@code .p7m} replaces its extracted content, since it is what was
     * received) and, when {@code reason} is given, a {@code .reason.txt}; then deletes its name file. Each move is
     * skipped when already done, so a rerun after a crash halfway finishes the job.
     *
     * @return where the file now is
     */
    public static Path moveOut(InboundFileRepository.Unfinished f, Path folder, String reason) throws IOException {
        Path target = moveOutKeepingName(f, folder, reason);
        Files.deleteIfExists(nameFileOf(Path.of(f.workPath())));
        return target;
    }

    /**
     * {@link #moveOut} without the deletion of the name file, which the caller does for many files at once
     * ({@link #deleteNameFiles}): one unlink at a time waits on the file system's journal, ~1.6 ms each on this
     * machine's disk under load, most of a 5,000-file finish.
     */
    public static Path moveOutKeepingName(InboundFileRepository.Unfinished f, Path folder, String reason)
            throws IOException {
        Files.createDirectories(folder);
        Path content = Path.of(f.workPath());
        release(content);
        String kept = keptName(f.id(), f.name());
        Path target = folder.resolve(kept);
        if (f.signaturePath() != null) {
            Path signature = Path.of(f.signaturePath());
            boolean attached = f.name().endsWith(FileSignatureCheck.ATTACHED);
            Path signatureTarget = attached ? target : folder.resolve(kept + FileSignatureCheck.DETACHED);
            if (!signature.equals(content)) {
                moveIfThere(signature, signatureTarget);
            }
            if (attached) {
                Files.deleteIfExists(content);
                content = signatureTarget;
            }
        }
        if (reason != null) {
            AtomicFiles.write(folder.resolve(kept + ".reason.txt"),
                    out -> out.write(reason.getBytes(StandardCharsets.UTF_8)));
        }
        if (!content.equals(target)) {
            moveIfThere(content, target);
        }
        return target;
    }

    /** Deletes the name files of these work paths (those still there), many at a time. */
    public static void deleteNameFiles(Collection<String> workPaths) throws IOException {
        List<Path> names = new ArrayList<>(workPaths.size());
        for (String workPath : workPaths) {
            names.add(nameFileOf(Path.of(workPath)));
        }
        AtomicFiles.deleteAll(names);
    }

    /** A link is moved as the link it is, never followed; a file already moved by an earlier attempt is skipped. */
    private static void moveIfThere(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // moved by an earlier attempt
        }
    }
}
