package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.SyntaxCodes;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.refdata.ReferenceDataLoader;
import org.edibatch.refdata.ReferenceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Claims the inbox: every file is moved (atomic rename) into this run's work folder, then registered with
 * its hash and the result of the envelope check. Moving first and registering second makes a crash between
 * the two harmless: the restarted step registers whatever sits in the work folder unregistered.
 */
public class ClaimTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ClaimTasklet.class);

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final ReferenceDataLoader referenceLoader;
    private final Clock clock;

    public ClaimTasklet(EdiBatchProperties props, JdbcTemplate jdbc, ReferenceDataLoader referenceLoader, Clock clock) {
        this.props = props;
        this.jdbc = jdbc;
        this.referenceLoader = referenceLoader;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        referenceLoader.loadAll();
        Path workDir = props.work().resolve("run-" + runId);
        Files.createDirectories(workDir);
        Files.createDirectories(props.inbox());
        for (Path file : list(props.inbox())) {
            Path target = unique(workDir.resolve(file.getFileName().toString()));
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        }
        Set<String> registered = new HashSet<>(jdbc.queryForList(
                "SELECT work_path FROM inbound_file WHERE run_id = ?", String.class, runId));
        EnvelopeCheck envelope = new EnvelopeCheck(ReferenceSnapshot.read(jdbc), props.ourEdiId());
        int claimed = 0;
        for (Path file : list(workDir)) {
            if (!registered.contains(file.toString())) {
                register(runId, file, envelope);
                claimed++;
                contribution.incrementReadCount();
            }
        }
        log.info("run {}: {} file(s) claimed into {}", runId, claimed, workDir);
        return RepeatStatus.FINISHED;
    }

    private void register(long runId, Path file, EnvelopeCheck envelope) throws IOException {
        String sha = FileDigest.sha256(file);
        EnvelopeCheck.Result r = envelope.check(file);
        String name = file.getFileName().toString();
        String state = "CLAIMED";
        String reasonCode = null;
        String reasonText = null;
        List<SyntaxError> errors = new ArrayList<>(r.errors());
        Long earlier = jdbc.query("SELECT id FROM inbound_file WHERE sha256 = ? ORDER BY id LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, sha);
        if (earlier != null) {
            errors.add(0, new SyntaxError(SyntaxCodes.DUPLICATE, 0, "UNB", 0, 0,
                    "the same file was received before (inbound file " + earlier + ")"));
        } else if (r.readable()) {
            Long sameRef = jdbc.query("SELECT file_id FROM interchange WHERE sender = ? AND control_ref = ? AND status = 'ACCEPTED' LIMIT 1",
                    rs -> rs.next() ? rs.getLong(1) : null, r.header().sender(), r.header().controlReference());
            if (sameRef != null) {
                errors.add(0, new SyntaxError(SyntaxCodes.DUPLICATE, 0, "UNB", 5, 0,
                        "interchange control reference " + r.header().controlReference()
                                + " was already used by this sender (inbound file " + sameRef + ")"));
            }
        }
        if (!r.readable()) {
            state = "REJECTED";
            reasonCode = "NOT_EDIFACT";
            reasonText = r.failure();
        } else if (!errors.isEmpty()) {
            state = "REJECTED";
            reasonCode = "0085:" + errors.get(0).code();
            reasonText = errors.get(0).text();
        }
        Long id = jdbc.queryForObject("INSERT INTO inbound_file (run_id, original_name, work_path, sha256, size_bytes, "
                        + "received_at, format, sender, state, reason_code, reason_text) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                Long.class, runId, name, file.toString(), sha, Files.size(file), Timestamp.from(clock.instant()),
                r.readable() ? "EDIFACT" : "UNKNOWN", r.readable() ? r.header().sender() : null, state, reasonCode, reasonText);
        if (r.readable()) {
            SyntaxError first = errors.isEmpty() ? null : errors.get(0);
            jdbc.update("INSERT INTO interchange (file_id, sender, sender_qual, recipient, recipient_qual, control_ref, "
                            + "syntax_id, syntax_version, message_count, status, error_code, error_segment, error_element, "
                            + "error_component, error_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    id, r.header().sender(), r.header().senderQualifier(), r.header().recipient(),
                    r.header().recipientQualifier(), r.header().controlReference(), r.header().syntaxIdentifier(),
                    r.header().syntaxVersion(), r.messageCount(), errors.isEmpty() ? "ACCEPTED" : "REJECTED",
                    first == null ? null : first.code(), first == null ? null : first.segmentTag(),
                    first == null ? null : first.elementPosition(), first == null ? null : first.componentPosition(),
                    first == null ? null : first.text());
        }
        int seq = 0;
        if (!r.readable()) {
            exception(runId, id, seq++, null, name, reasonCode, reasonText);
        }
        for (SyntaxError e : errors) {
            exception(runId, id, seq++, r.readable() ? r.header().sender() : null, name, "0085:" + e.code(),
                    "interchange rejected: " + SyntaxCodes.text(e.code()) + " - " + e.text());
        }
    }

    private void exception(long runId, long fileId, int seq, String sender, String name, String code, String text) {
        jdbc.update("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, code, text) "
                + "VALUES (?,?,-1,?,'FILE',?,?,?,?)", runId, fileId, seq, sender, name, code, text);
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                // dot files and .part/.tmp are uploads still in progress or tool droppings, not deliveries
                if (Files.isRegularFile(p) && !n.startsWith(".") && !n.endsWith(".part") && !n.endsWith(".tmp")) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private static Path unique(Path target) {
        Path candidate = target;
        int n = 1;
        while (Files.exists(candidate)) {
            candidate = target.resolveSibling(target.getFileName() + "." + n++);
        }
        return candidate;
    }
}
