package org.edibatch.intake;

import org.edibatch.ack.AtomicFiles;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What becomes of the files of a run the operator abandons ({@code restart --abandon}). A file the run never
 * registered left no trace anywhere: it goes back to the inbox under its name, and the next run takes it as
 * delivered. A registered file may be partly decided and posted: sent again it would be refused as a duplicate
 * (0085 code 26) and its undecided messages never processed, so it is quarantined with a reason saying how far
 * it got. What was posted stays posted (the ledger is append-only); a sender who resends its declarations in a
 * new interchange has the ones already accepted refused as duplicates by their declaration numbers, never
 * posted twice.
 */
public final class AbandonedFiles {

    /** @param returned files put back in the inbox; @param quarantined files quarantined with a reason */
    public record Outcome(List<Path> returned, List<Path> quarantined) {
    }

    private final InboundFileRepository files;

    public AbandonedFiles(JdbcTemplate jdbc) {
        this.files = new InboundFileRepository(jdbc);
    }

    /**
     * @param work       the run's work folder ({@code work/run-N})
     * @param quarantine the day's quarantine folder
     */
    public Outcome abandon(long runId, Path work, Path inbox, Path quarantine) throws IOException {
        List<Path> quarantined = new ArrayList<>();
        List<InboundFileRepository.Final> moved = new ArrayList<>();
        for (InboundFileRepository.Unfinished f : files.unfinished(runId)) {
            Files.createDirectories(quarantine);
            Path content = Path.of(f.workPath());
            Path target = quarantine.resolve(f.id() + "_" + f.name());
            if (f.signaturePath() != null) {
                Path signature = Path.of(f.signaturePath());
                Path signatureTarget = quarantine.resolve(f.id() + "_" + signature.getFileName());
                moveIfThere(signature, signatureTarget);
                if (f.name().endsWith(FileSignatureCheck.ATTACHED)) {
                    // the .p7m is what was received; the extracted content was only a working copy
                    Files.deleteIfExists(content);
                    content = signature;
                    target = signatureTarget;
                }
            }
            String reason = "file: " + f.name() + "\nreason: ABANDONED\nrun " + runId + " was abandoned by the operator"
                    + " (restart --abandon) before this file was finished; " + files.decidedMessages(f.id())
                    + " of its message(s) had been decided, and what was posted for them stays posted."
                    + (f.reasonCode() == null ? "" : "\nrefused at intake: " + f.reasonCode() + " " + f.reasonText())
                    + "\nNo answer was sent for it. Resent as a new interchange, declarations already accepted are"
                    + " refused as duplicates and never posted twice.\n";
            AtomicFiles.write(quarantine.resolve(f.id() + "_" + f.name() + ".reason.txt"),
                    out -> out.write(reason.getBytes(StandardCharsets.UTF_8)));
            moveIfThere(content, target);
            moved.add(new InboundFileRepository.Final(f.id(), FileState.QUARANTINED, target.toString()));
            quarantined.add(target);
        }
        files.finish(moved);

        List<Path> returned = new ArrayList<>();
        if (Files.isDirectory(work)) {
            Set<String> registered = new HashSet<>(files.registeredPaths(runId));
            Files.createDirectories(inbox);
            for (Path file : Deliveries.list(work)) {
                String name = file.getFileName().toString();
                if (registered.contains(file.toString())) {
                    continue;
                }
                if (name.endsWith(FileSignatureCheck.ATTACHED + FileSignatureCheck.EXTRACTED)
                        && Files.exists(file.resolveSibling(name.substring(0,
                        name.length() - FileSignatureCheck.EXTRACTED.length())))) {
                    // extracted from a .p7m beside it, which goes back and is extracted again
                    Files.delete(file);
                    continue;
                }
                Path back = Deliveries.unique(inbox.resolve(name));
                Files.move(file, back, StandardCopyOption.ATOMIC_MOVE);
                returned.add(back);
            }
            try (var left = Files.list(work)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(work);
                }
            }
        }
        return new Outcome(returned, quarantined);
    }

    private static void moveIfThere(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // moved by an earlier attempt at the same abandon
        }
    }
}
