package org.edibatch.intake;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of an inbox or work folder that count as delivered, and collision-free names for moving them. */
public final class Deliveries {

    private Deliveries() {
    }

    /** Regular files in name order; dot files and .part/.tmp are uploads still in progress or tool droppings. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && !n.startsWith(".") && !n.endsWith(".part") && !n.endsWith(".tmp")) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** {@code target}, or {@code target.1}, {@code target.2}... when a file of that name is already there. */
    public static Path unique(Path target) {
        Path candidate = target;
        int n = 1;
        while (Files.exists(candidate)) {
            candidate = target.resolveSibling(target.getFileName() + "." + n++);
        }
        return candidate;
    }
}
