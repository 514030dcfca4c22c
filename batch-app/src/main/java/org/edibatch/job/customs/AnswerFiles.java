package org.edibatch.job.customs;

import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.ContrlBuilder;
import org.edibatch.answer.AnswerFile;
import org.edibatch.answer.AnswerRepository;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.Syntax;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * How an answer to an inbound file is named and addressed, shared by the two writers of EDIFACT answers: the
 * customs step (as soon as a file's last message is committed) and the answer step (every file still without
 * its answers). Names and control references derive from the inbound file alone, so whichever writes a file
 * writes the same bytes at the same place, and a rewrite after a restart replaces it with itself.
 */
final class AnswerFiles {

    /** Records written answers (in file and kind order, one lock order); a rewrite replaces its row. */
    static void record(AnswerRepository repository, List<AnswerFile> written) {
        if (written.isEmpty()) {
            return;
        }
        // Recorded means sent: the answer step never writes a recorded answer again, so its name must survive a crash.
        List<Path> folders = new ArrayList<>(written.size());
        for (AnswerFile w : written) {
            folders.add(Path.of(w.path()).getParent());
        }
        AtomicFiles.syncDirectories(folders);
        List<AnswerFile> sorted = new ArrayList<>(written);
        sorted.sort(Comparator.comparingLong(AnswerFile::fileId).thenComparing(AnswerFile::kind));
        repository.record(sorted);
    }

    private final EdiBatchProperties props;
    private final Clock clock;

    AnswerFiles(EdiBatchProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    /** outbox/&lt;sender&gt;/&lt;KIND&gt;_&lt;inbound control reference&gt;_&lt;file id&gt;&lt;extension&gt;. */
    Path target(String kind, String sender, String controlRef, long fileId, String extension) {
        return props.outbox().resolve(bounded(AtomicFiles.safeName(sender)))
                .resolve(kind + "_" + bounded(AtomicFiles.safeName(controlRef)) + "_" + fileId + extension);
    }

    /**
     * outbox/&lt;sender&gt;/CUSRES_D&lt;decision id&gt;_&lt;file id&gt;.edi (or .xml for a declaration sent in XML): the
     * answer to an officer's decision on a declaration of the file.
     */
    Path decisionTarget(String sender, long decisionId, long fileId, String extension) {
        return props.outbox().resolve(bounded(AtomicFiles.safeName(sender)))
                .resolve("CUSRES_D" + decisionId + "_" + fileId + extension);
    }

    /** Characters a sender's value may take in an answer's name. */
    private static final int MAX_COMPONENT = 64;

    /**
     * A sender's value cut to a length any file system takes (a refused XML batch may name itself at any length),
     * with a digest of the whole so that two long values still name two files.
     */
    static String bounded(String safe) {
        if (safe.length() <= MAX_COMPONENT) {
            return safe;
        }
        return safe.substring(0, MAX_COMPONENT - 9) + "~"
                + sha256(safe.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /**
     * UNB from this office to the sender in {@code syntax}, dated now, with the control reference of this kind of
     * answer; the sender's id within S003's an..35 (a longer one was refused with code 39, and is still answered).
     */
    void startInterchange(EdifactWriter w, Syntax syntax, String sender, String fileSha, String kind)
            throws IOException {
        w.startInterchange(syntax, props.ourEdiId(), ContrlBuilder.fit(sender, 35),
                ZonedDateTime.now(clock).toLocalDateTime(), controlRef(fileSha, kind));
    }

    static String controlRef(String fileSha, String kind) {
        return ("R" + kind.charAt(2) + sha256((fileSha + kind).getBytes(StandardCharsets.US_ASCII)).toUpperCase())
                .substring(0, 14);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
