package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an inbox holds, as the claim sees it: its entries (never following a link), grouped into deliveries (a file
 * with the detached signature beside it), and which of them are ready to be claimed: settled (not written to for the
 * configured interval) and, for a signature whose file has not come, past the grace period.
 */
public final class Deliveries {

    private Deliveries() {
    }

    /** What an inbox entry is, read without following a link: only a FILE is ever opened. */
    public enum Kind {
        FILE, LINK, DIRECTORY, OTHER;

        static Kind of(BasicFileAttributes a) {
            return a.isSymbolicLink() ? LINK : a.isDirectory() ? DIRECTORY : a.isRegularFile() ? FILE : OTHER;
        }

        /** The kind of {@code p} itself (a link is not followed), or null when nothing is there. */
        public static Kind at(Path p) throws IOException {
            try {
                return of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }

    /** An inbox entry with the size and time it had when listed. */
    public record Entry(Path path, String name, Kind kind, long size, FileTime modified) {
    }

    /**
     * A delivery and how the claim takes it: {@code role} null for a file (with its detached signature, or null),
     * else the code of the class of signature file that is refused on its own.
     */
    public record Delivery(Entry file, Entry signature, String role) {
        public String name() {
            return file.name();
        }
    }

    /** A signature file whose file never came. */
    public static final String ORPHAN_SIGNATURE = "ORPHAN_SIGNATURE";
    /** A detached signature beside a .p7m, which carries its own signature: not an accepted form. */
    public static final String SIGNATURE_BESIDE_P7M = "SIGNATURE_BESIDE_P7M";

    /** The deliveries ready to claim, in name order, and what stays in the inbox for a later run, with why. */
    public record Scan(List<Delivery> ready, Map<String, String> left) {
    }

    /**
     * Every entry of {@code dir} in name order, links and directories included, except dot files and .part/.tmp
     * (uploads still in progress or tool droppings, by the convention of file transfer tools).
     */
    public static List<Entry> entries(Path dir) throws IOException {
        TreeMap<String, Entry> sorted = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || n.endsWith(".part") || n.endsWith(".tmp")) {
                    continue;
                }
                Entry e = entry(p);
                if (e != null) {
                    sorted.put(n, e);
                }
            }
        }
        return new ArrayList<>(sorted.values());
    }

    private static Entry entry(Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Entry(p, p.getFileName().toString(), Kind.of(a), a.isRegularFile() ? a.size() : 0,
                    a.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return null; // taken away by its sender while listed
        }
    }

    /** Groups the entries into deliveries: NAME and NAME.p7s travel together, unless NAME is a .p7m. */
    static List<Delivery> group(List<Entry> entries) {
        Map<String, Entry> byName = new HashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        List<Delivery> out = new ArrayList<>();
        for (Entry e : entries) {
            String n = e.name();
            if (n.endsWith(FileSignatureCheck.DETACHED)) {
                String base = n.substring(0, n.length() - FileSignatureCheck.DETACHED.length());
                if (!byName.containsKey(base)) {
                    out.add(new Delivery(e, null, ORPHAN_SIGNATURE));
                    continue;
                }
                if (base.endsWith(FileSignatureCheck.ATTACHED)) {
                    out.add(new Delivery(e, null, SIGNATURE_BESIDE_P7M));
                }
                continue; // travels with its file
            }
            Entry sig = n.endsWith(FileSignatureCheck.ATTACHED) ? null : byName.get(n + FileSignatureCheck.DETACHED);
            out.add(new Delivery(e, sig, null));
        }
        return out;
    }

    /** Waits for things to settle in steps of real time: a seam for tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * The deliveries of {@code inbox} that are ready. A delivery is settled when none of its entries was modified
     * within {@code settle} before {@code now} (the file system's time), or when its entries kept their size and time
     * over one wait of at most {@code settle}; one still changing is left for a later run. A signature file without
     * its file waits for it until {@code orphanGrace} has passed.
     */
    public static Scan scan(Path inbox, EdiBatchProperties.Intake intake, Instant now, Sleeper sleeper)
            throws IOException, InterruptedException {
        Duration settle = intake.settle();
        Map<String, String> left = new LinkedHashMap<>();
        List<Delivery> ready = new ArrayList<>();
        List<Delivery> young = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (Delivery d : group(entries(inbox))) {
            Duration age = Duration.between(newest(d), now);
            if (ORPHAN_SIGNATURE.equals(d.role()) && age.compareTo(intake.orphanGrace()) < 0) {
                left.put(d.name(), "a signature file waiting for its file (refused once "
                        + describe(intake.orphanGrace()) + " old)");
            } else if (age.compareTo(settle) < 0) {
                young.add(d);
                Duration rest = settle.minus(age.isNegative() ? Duration.ZERO : age);
                wait = rest.compareTo(wait) > 0 ? rest : wait;
            } else {
                ready.add(d);
            }
        }
        if (!young.isEmpty()) {
            sleeper.sleep(wait.compareTo(settle) > 0 ? settle : wait);
            for (Delivery d : young) {
                Delivery again = reread(d);
                if (again == null) {
                    continue; // taken back by its sender
                }
                if (same(d.file(), again.file()) && same(d.signature(), again.signature())) {
                    ready.add(d);
                } else {
                    left.put(d.name(), "still being written (changed within " + describe(settle) + ")");
                }
            }
            ready.sort((a, b) -> a.name().compareTo(b.name()));
        }
        return new Scan(ready, left);
    }

    /** A duration as an operator writes it: 30s, 5m, 1h. */
    public static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    private static Instant newest(Delivery d) {
        Instant t = d.file().modified().toInstant();
        if (d.signature() != null && d.signature().modified().toInstant().isAfter(t)) {
            t = d.signature().modified().toInstant();
        }
        return t;
    }

    private static Delivery reread(Delivery d) throws IOException {
        Entry f = entry(d.file().path());
        Entry s = d.signature() == null ? null : entry(d.signature().path());
        return f == null ? null : new Delivery(f, s, d.role());
    }

    private static boolean same(Entry a, Entry b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.kind() == b.kind() && a.size() == b.size() && Objects.equals(a.modified(), b.modified());
    }
}
