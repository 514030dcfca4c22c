package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.signature.VerificationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows intake writes for a claimed file: the file itself, its interchange (or XML batch), its exception
 * lines; and the lookups its duplicate checks make.
 *
 * <p>A {@link #buffered} instance keeps its rows until {@link #flush()} and writes them with one round trip
 * per table: row by row, a night of ten thousand files would be forty thousand round trips, one after another,
 * and most of the claim step. Its lookups see the rows still buffered as well as the database, and {@link #prefetch} answers
 * the lookups of the next files in one query each. The claim holds the table lock, so nothing else inserts in
 * between.
 */
public final class InboundFiles {

    private static final Logger log = LoggerFactory.getLogger(InboundFiles.class);

    private static final String INSERT_FILE = "INSERT INTO inbound_file (id, run_id, original_name, work_path, sha256, "
            + "size_bytes, received_at, format, sender, state, reason_code, reason_text, signature_path, sig_form, "
            + "sig_status, sig_reason, sig_detail, signer_subject, signer_brn) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_ENVELOPE = "INSERT INTO interchange (file_id, sender, sender_qual, recipient, "
            + "recipient_qual, control_ref, syntax_id, syntax_version, message_count, status, error_code, error_segment, "
            + "error_element, error_component, error_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_EXCEPTION = "INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, "
            + "sender, file_name, code, text) VALUES (?,?,-1,?,?,?,?,?,?)";
    private static final char SEP = '\t';

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean buffered;

    // buffered mode: rows not yet written, and what the lookups must see of them
    private final List<Object[]> files = new ArrayList<>();
    private final List<Object[]> envelopes = new ArrayList<>();
    private final List<Object[]> exceptions = new ArrayList<>();
    private final Map<String, Long> pendingBytes = new HashMap<>();
    private final Map<String, Long> pendingRefs = new HashMap<>();
    private final Map<String, Long> knownBytes = new HashMap<>();
    private final Map<String, Long> knownRefs = new HashMap<>();
    private long nextId;

    public InboundFiles(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, false);
    }

    private InboundFiles(JdbcTemplate jdbc, Clock clock, boolean buffered) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.buffered = buffered;
    }

    /** An instance whose rows are written by {@link #flush()}, within the caller's transaction. */
    public static InboundFiles buffered(JdbcTemplate jdbc, Clock clock) {
        return new InboundFiles(jdbc, clock, true);
    }

    /** What the envelope of an interchange or XML batch said, and whether it was accepted. */
    public record Envelope(String sender, String senderQualifier, String recipient, String recipientQualifier,
                           String controlRef, String syntaxId, String syntaxVersion, int messageCount, boolean accepted,
                           String errorCode, String errorSegment, Integer errorElement, Integer errorComponent,
                           String errorText) {
    }

    public long insert(long runId, Path content, Path signature, String name, String sha, String format,
                       String sender, FileState state, String reasonCode, String reasonText, String form,
                       VerificationOutcome outcome) throws IOException {
        return insert(runId, content, signature, name, sha, format, sender, state, reasonCode, reasonText, form, outcome,
                clock.instant());
    }

    /** As above, received at {@code receivedAt} (the procurement intake's time of receipt, which its rules judge). */
    public long insert(long runId, Path content, Path signature, String name, String sha, String format,
                       String sender, FileState state, String reasonCode, String reasonText, String form,
                       VerificationOutcome outcome, java.time.Instant receivedAt) throws IOException {
        // Ids are taken as max + 1 inside the claim transaction, not from a sequence: a sequence keeps the
        // numbers a crashed attempt used, and the ids name answer and archive files, which must come out the
        // same whether or not the run was interrupted. The table lock taken by the claim serialises claimers.
        if (!buffered || files.isEmpty()) {
            nextId = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM inbound_file", Long.class);
        }
        long id = nextId++;
        Object[] row = {id, runId, name, content.toString(), sha, sizeOf(content), Timestamp.from(receivedAt),
                format, sender, state.code(), reasonCode, reasonText, signature == null ? null : signature.toString(),
                form == null ? "NONE" : form,
                outcome == null ? "NOT_REQUIRED" : outcome.status().name(),
                outcome == null ? null : outcome.subReason().name(),
                outcome == null ? null : outcome.detail(),
                outcome == null ? null : outcome.signerSubject(),
                outcome == null ? null : outcome.signerBrn()};
        if (!buffered) {
            jdbc.update(INSERT_FILE, row);
            return id;
        }
        files.add(row);
        if (sha != null) {
            pendingBytes.putIfAbsent(sha, id);
        }
        return id;
    }

    /** The size of a regular file; 0 for a link (never followed), a directory or anything else. */
    static long sizeOf(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isRegularFile() ? a.size() : 0;
    }

    public void envelope(long fileId, Envelope e) {
        Object[] row = {fileId, e.sender(), e.senderQualifier(), e.recipient(), e.recipientQualifier(), e.controlRef(),
                e.syntaxId(), e.syntaxVersion(), e.messageCount(), EnvelopeStatus.of(e.accepted()).code(),
                e.errorCode(), e.errorSegment(), e.errorElement(), e.errorComponent(), e.errorText()};
        if (!buffered) {
            jdbc.update(INSERT_ENVELOPE, row);
            return;
        }
        envelopes.add(row);
        if (e.accepted()) {
            pendingRefs.putIfAbsent(e.sender() + SEP + e.controlRef(), fileId);
        }
    }

    public void exception(long runId, long fileId, int seq, ExceptionCategory category, String sender, String name,
                          String code, String text) {
        Object[] row = {runId, fileId, seq, category.code(), sender, name, code, text};
        if (!buffered) {
            jdbc.update(INSERT_EXCEPTION, row);
            return;
        }
        exceptions.add(row);
    }

    /** Rows buffered and not yet written. */
    public int pending() {
        return files.size();
    }

    /** Writes the buffered rows, parents first (the interchange and exception rows refer to their file). */
    public void flush() {
        if (!files.isEmpty()) {
            jdbc.batchUpdate(INSERT_FILE, files);
        }
        if (!envelopes.isEmpty()) {
            jdbc.batchUpdate(INSERT_ENVELOPE, envelopes);
        }
        if (!exceptions.isEmpty()) {
            jdbc.batchUpdate(INSERT_EXCEPTION, exceptions);
        }
        files.clear();
        envelopes.clear();
        exceptions.clear();
        pendingBytes.clear();
        pendingRefs.clear();
        // what was looked up before describes the database without these rows
        knownBytes.clear();
        knownRefs.clear();
    }

    /**
     * Looks up, in one query each, what {@link #sameBytes} and {@link #sameControlRef} will be asked about the
     * next files, until the next {@link #flush()}. {@code senderRefs} holds (sender, control reference) pairs.
     */
    public void prefetch(Collection<String> shas, Collection<String[]> senderRefs) {
        if (!shas.isEmpty()) {
            shas.forEach(sha -> knownBytes.put(sha, null));
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT sha256, MIN(id) FROM inbound_file WHERE sha256 = ANY(?) GROUP BY sha256");
                ps.setArray(1, con.createArrayOf("text", shas.toArray()));
                return ps;
            }, rs -> {
                knownBytes.put(rs.getString(1), rs.getLong(2));
            });
        }
        if (!senderRefs.isEmpty()) {
            senderRefs.forEach(r -> knownRefs.put(r[0] + SEP + r[1], null));
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT i.sender, i.control_ref, MIN(i.file_id) FROM interchange i "
                        + "JOIN unnest(?::text[], ?::text[]) AS k(sender, control_ref) "
                        + "ON i.sender = k.sender AND i.control_ref = k.control_ref "
                        + "WHERE i.status = 'ACCEPTED' GROUP BY i.sender, i.control_ref");
                ps.setArray(1, con.createArrayOf("text", senderRefs.stream().map(r -> r[0]).toArray()));
                ps.setArray(2, con.createArrayOf("text", senderRefs.stream().map(r -> r[1]).toArray()));
                return ps;
            }, rs -> {
                knownRefs.put(rs.getString(1) + SEP + rs.getString(2), rs.getLong(3));
            });
        }
    }

    /**
     * Moves every settled delivery of {@code inbox} into {@code work} (atomic renames, under numbers: see
     * {@link WorkFolder}), then returns the deliveries of {@code work} this run has not registered yet. Moving first
     * and registering second makes a crash between the two harmless: the restarted step registers whatever sits
     * unregistered in the work folder. What stays in the inbox (still being written, a signature waiting for its
     * file) is logged, one line each.
     */
    public List<WorkFolder.Unit> claim(Path inbox, WorkFolder work, long runId, EdiBatchProperties.Intake intake)
            throws IOException, InterruptedException {
        Files.createDirectories(inbox);
        work.recover(inbox);
        Deliveries.Scan scan = Deliveries.scan(inbox, intake, work.fileSystemNow(), d -> Thread.sleep(d.toMillis()));
        scan.left().forEach((name, why) -> log.warn("left in the inbox for a later run: {}: {}", printable(name), why));
        work.take(scan.ready());
        Set<String> registered = new HashSet<>(new InboundFileRepository(jdbc).registeredPaths(runId));
        List<WorkFolder.Unit> fresh = new ArrayList<>();
        for (WorkFolder.Unit u : work.units()) {
            if (!registered.contains(u.data().toString()) && !registered.contains(u.moved().toString())
                    && !registered.contains(u.content().toString())) {
                fresh.add(u);
            }
        }
        return fresh;
    }

    /** A name as one line of a log or a reason file: control characters (a newline, say) written as escapes. */
    public static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The earliest file with the same bytes, or null. */
    public Long sameBytes(String sha) {
        // rows in the database are older than buffered ones: they come first
        Long stored = knownBytes.containsKey(sha) ? knownBytes.get(sha)
                : jdbc.query("SELECT MIN(id) FROM inbound_file WHERE sha256 = ?", rs -> rs.next() ? (Long) rs.getObject(1, Long.class) : null, sha);
        return stored != null ? stored : pendingBytes.get(sha);
    }

    /** The earliest accepted interchange or batch of this sender with this control reference, or null. */
    public Long sameControlRef(String sender, String controlRef) {
        String key = sender + SEP + controlRef;
        Long stored = knownRefs.containsKey(key) ? knownRefs.get(key)
                : jdbc.query("SELECT MIN(file_id) FROM interchange WHERE sender = ? AND control_ref = ? AND status = 'ACCEPTED'",
                rs -> rs.next() ? (Long) rs.getObject(1, Long.class) : null, sender, controlRef);
        return stored != null ? stored : pendingRefs.get(key);
    }
}
