package org.edibatch.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Whether every archived or quarantined file still has the bytes it was received with: its SHA-256 now against
 * the one recorded at intake. Part of verify-ledger, and of the end of every customs run for that run's files.
 */
public final class ArchiveCheck {

    private final InboundFileRepository files;

    public ArchiveCheck(InboundFileRepository files) {
        this.files = files;
    }

    /**
     * @param runId the run whose files to check, or null for all
     * @param difference told each file that is missing or differs
     * @return how many files were checked
     */
    public long check(Long runId, Consumer<String> difference) {
        long[] n = {0};
        files.kept(runId, f -> {
            n[0]++;
            Path p = Path.of(f.finalPath());
            String label = "file " + f.id() + " (" + f.name() + ") at " + p;
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                difference.accept(label + ": missing");
                return;
            }
            try {
                String now = FileDigest.sha256(p);
                if (!now.equals(f.sha256())) {
                    difference.accept(label + ": SHA-256 " + now + ", recorded " + f.sha256());
                }
            } catch (IOException e) {
                difference.accept(label + ": not readable: " + e.getMessage());
            }
        });
        return n[0];
    }
}
