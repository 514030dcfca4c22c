package org.edibatch.intake;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
            String reason = "file: " + InboundFiles.printable(f.name()) + "\nreason: ABANDONED\nrun " + runId
                    + " was abandoned by the operator (restart --abandon) before this file was finished; "
                    + files.decidedMessages(f.id()) + " of its message(s) had been decided, and what was posted for"
                    + " them stays posted."
                    + (f.reasonCode() == null ? "" : "\nrefused at intake: " + f.reasonCode() + " " + f.reasonText())
                    + "\nNo answer was sent for it. Resent as a new interchange, declarations already accepted are"
                    + " refused as duplicates and never posted twice.\n";
            Path target = WorkFolder.moveOut(f, quarantine, reason);
            moved.add(new InboundFileRepository.Final(f.id(), FileState.QUARANTINED, target.toString()));
            quarantined.add(target);
        }
        files.finish(moved);

        List<Path> returned = new ArrayList<>();
        if (Files.isDirectory(work)) {
            Set<Path> registered = new HashSet<>();
            for (String p : files.registeredPaths(runId)) {
                registered.add(WorkFolder.nameFileOf(Path.of(p)));
            }
            Files.createDirectories(inbox);
            for (WorkFolder.Unit u : new WorkFolder(work).units()) {
                if (registered.contains(u.nameFile())) {
                    continue;
                }
                // the delivery as the sender left it: its own file when still there, else the claim's copy
                Path file = Files.exists(u.moved(), LinkOption.NOFOLLOW_LINKS) ? u.moved() : u.data();
                Path signature = Files.exists(u.signatureMoved(), LinkOption.NOFOLLOW_LINKS)
                        ? u.signatureMoved() : u.signature();
                String name = u.name();
                if (Files.exists(inbox.resolve(name), LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(inbox.resolve(name + FileSignatureCheck.DETACHED), LinkOption.NOFOLLOW_LINKS)) {
                    // a new delivery of the same name arrived meanwhile: both are kept, the returned one renamed
                    name = "returned-" + runId + "-" + u.number() + "-" + name;
                }
                if (Files.exists(signature, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(signature, inbox.resolve(name + FileSignatureCheck.DETACHED),
                            StandardCopyOption.ATOMIC_MOVE);
                }
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    Path back = inbox.resolve(name);
                    Files.move(file, back, StandardCopyOption.ATOMIC_MOVE);
                    returned.add(back);
                }
                for (Path left : List.of(u.moved(), u.data(), u.signatureMoved(), u.signature(), u.content())) {
                    Files.deleteIfExists(left);
                }
                Files.delete(u.nameFile());
            }
            try (var left = Files.list(work)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(work);
                }
            }
        }
        return new Outcome(returned, quarantined);
    }
}
