package org.edibatch.intake;

import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.ReferenceData;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.edifact.EnvelopeScanner;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.refdata.ReferenceDataLoader;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Claims the inbox: every delivery (a file with its detached signature) that has settled is moved into this run's
 * work folder under a number (its name is kept as data), copied while it is hashed, and registered with the outcome
 * of its digital signature and of the envelope check, made on the copy. Moving first and registering second makes a
 * crash between the two harmless: the restarted step registers whatever sits unregistered in the work folder. A file
 * rejected here (not EDIFACT, duplicate, bad signature, bad envelope, not a regular file, unreadable) never reaches
 * the customs step.
 */
public class ClaimTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ClaimTasklet.class);

    private final EdiBatchProperties props;
    private final JdbcTemplate jdbc;
    private final ReferenceDataLoader referenceLoader;
    private final Clock clock;
    private XmlIntake xmlIntake;
    private CamtIntake camtIntake;
    private InboundFiles files;

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
        new InboundFileRepository(jdbc).lock();
        FileSignatureCheck signatures = new FileSignatureCheck(FileSignatureCheck.trustStore(props.trust(),
                !Boolean.FALSE.equals(props.signature().required())));
        files = InboundFiles.buffered(jdbc, clock);
        WorkFolder work = new WorkFolder(props.work().resolve("run-" + runId));
        List<WorkFolder.Unit> fresh = files.claim(props.inbox(), work, runId, props.intake());
        ReferenceSnapshot reference = ReferenceSnapshot.read(jdbc);
        EnvelopeCheck envelope = new EnvelopeCheck(reference, props.ourEdiId());
        xmlIntake = new XmlIntake(props, files);
        camtIntake = new CamtIntake(props, files);
        // Copying, hashing, signature verification and the envelope scan read whole files: done on every core. The
        // decisions that depend on other files (duplicates) and the ids are then taken one file at a time, in
        // claim order, so the outcome does not depend on which thread finished first; registering file i
        // overlaps with the preparation of the files after it.
        int claimed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, props.threads()));
        try {
            List<Future<Prepared>> prepared = new ArrayList<>();
            for (WorkFolder.Unit unit : fresh) {
                prepared.add(pool.submit(() -> prepare(unit, envelope, signatures)));
            }
            // Registered in windows: the duplicate lookups of a window in one query each, its rows written
            // together at its end. An XML file closes the window (XmlIntake makes its own lookups).
            int i = 0;
            while (i < fresh.size()) {
                List<Prepared> window = new ArrayList<>();
                while (i + window.size() < fresh.size() && window.size() < WINDOW) {
                    Prepared p = result(prepared.get(i + window.size()));
                    window.add(p);
                    if (p.xml() != null || p.camt() != null) {
                        break;
                    }
                }
                prefetch(window);
                for (Prepared p : window) {
                    register(runId, fresh.get(i), p, reference);
                    if (claimed == 0) {
                        // the time a night's first answer can start from: start-up ends here (bench-speed.sh)
                        log.info("run {}: first file claimed", runId);
                    }
                    CrashPoints.reach("claim.registered");
                    claimed++;
                    contribution.incrementReadCount();
                    i++;
                }
                files.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        log.info("run {}: {} file(s) claimed into {}", runId, claimed, work.dir());
        return RepeatStatus.FINISHED;
    }

    /** Files registered per round trip of each kind (lookups, inserts). */
    private static final int WINDOW = 500;

    private void prefetch(List<Prepared> window) {
        List<String> shas = new ArrayList<>();
        List<String[]> refs = new ArrayList<>();
        for (Prepared p : window) {
            if (p.xml() == null && p.camt() == null && p.refusal() == null) {
                shas.add(p.sha());
                if (p.edifact() != null && p.edifact().readable()) {
                    refs.add(new String[]{p.edifact().header().sender(), p.edifact().header().controlReference()});
                }
            }
        }
        files.prefetch(shas, refs);
    }

    /** What intake learns from a file alone, without the database. */
    private record Prepared(String sha, FileSignatureCheck.Result sig, XmlIntake.Scanned xml,
                            EnvelopeCheck.Result edifact, ClaimRefusals.Refusal refusal, CamtIntake.Scanned camt) {
        Prepared(String sha, FileSignatureCheck.Result sig, XmlIntake.Scanned xml, EnvelopeCheck.Result edifact) {
            this(sha, sig, xml, edifact, null, null);
        }

        static Prepared refused(String sha, ClaimRefusals.Refusal refusal) {
            return new Prepared(sha, null, null, null, refusal, null);
        }

        /** A bank's camt.054 document (CamtIntake). */
        static Prepared camt(String sha, FileSignatureCheck.Result sig, CamtIntake.Scanned camt) {
            return new Prepared(sha, sig, null, null, null, camt);
        }
    }

    private static Prepared result(Future<Prepared> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private Prepared prepare(WorkFolder.Unit unit, EnvelopeCheck envelope, FileSignatureCheck signatures)
            throws IOException {
        ClaimRefusals.Refusal notAFile = ClaimRefusals.notAFile(unit);
        if (notAFile != null) {
            return Prepared.refused(null, notAFile);
        }
        try {
            if (unit.role() != null) {
                return Prepared.refused(unit.secure(null).hex(), ClaimRefusals.signatureAlone(unit, props.intake()));
            }
            Instant receivedAt = clock.instant();
            if (unit.attached()) {
                String sha = unit.secure(null).hex();
                FileSignatureCheck.Result sig = signatures.checkAttached(unit.data(), unit.content(), receivedAt);
                if (XmlIntake.looksLikeXml(sig.content())) {
                    if (CamtIntake.isCamt054(sig.content())) {
                        return Prepared.camt(sha, sig, CamtIntake.scan(sig, signatures, receivedAt));
                    }
                    return new Prepared(sha, sig, XmlIntake.scan(sig, signatures, receivedAt), null);
                }
                return new Prepared(sha, sig, null, envelope.check(sig.content()));
            }
            // The usual delivery: one read of the file gives its copy, its SHA-256 (its identity, and the digest
            // its signature covers) and the envelope scan, instead of a read for each.
            Path p7s = unit.secureSignature();
            FileDigest.Read<EnvelopeScanner.Summary> read = unit.secure(EnvelopeScanner::scan);
            FileSignatureCheck.Result sig = p7s == null ? FileSignatureCheck.unsigned(unit.data())
                    : signatures.checkDetached(unit.data(), p7s, read.sha256(), receivedAt);
            if (XmlIntake.looksLikeXml(unit.data())) {
                if (CamtIntake.isCamt054(unit.data())) {
                    return Prepared.camt(read.hex(), sig, CamtIntake.scan(sig, signatures, receivedAt));
                }
                return new Prepared(read.hex(), sig, XmlIntake.scan(sig, signatures, receivedAt), null);
            }
            return new Prepared(read.hex(), sig, null, envelope.check(unit.data(), read.result()));
        } catch (UnreadableFileException e) {
            return Prepared.refused(null, new ClaimRefusals.Refusal(ClaimRefusals.UNREADABLE,
                    "the file could not be read: " + e.getMessage()));
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // one file's surprise is that file's refusal: the night goes on with the others
            // (the trace goes to the debug log only: the refusal and its exception line say what happened)
            log.warn("{} could not be claimed: {}", InboundFiles.printable(unit.name()), e.toString());
            log.debug("claim of {}", unit.moved(), e);
            return Prepared.refused(null, new ClaimRefusals.Refusal(ClaimRefusals.CLAIM_ERROR,
                    "the file could not be claimed: " + e));
        }
    }

    private void register(long runId, WorkFolder.Unit unit, Prepared p, ReferenceSnapshot reference)
            throws IOException {
        String name = unit.name();
        String sha = p.sha();
        if (p.refusal() != null) {
            ClaimRefusals.Refusal r = p.refusal();
            long id = files.insert(runId, unit.current(), unit.currentSignature(), name, sha, "UNKNOWN", null,
                    FileState.REJECTED, r.code(), r.text(), null, null);
            // quarantined like any refused file, so the officers' report must list it too
            files.exception(runId, id, 0, ExceptionCategory.FILE, null, name, r.code(),
                    ExceptionCategory.fileRefused(r.text()));
            return;
        }
        FileSignatureCheck.Result sig = p.sig();
        if (p.xml() != null) {
            xmlIntake.register(runId, name, sha, sig, p.xml(), reference);
            return;
        }
        if (p.camt() != null) {
            camtIntake.register(runId, name, sha, sig, p.camt(), reference);
            return;
        }
        EnvelopeCheck.Result r = p.edifact();
        String sender = r.readable() ? r.header().sender() : null;
        String kind = r.firstMessageType() != null ? r.firstMessageType() : "EDIFACT";
        boolean required = props.signature().requiredFor(kind);

        VerificationOutcome outcome = sig.outcome();
        if (outcome == null && required) {
            outcome = VerificationOutcome.of(SubReason.MISSING_SIGNATURE,
                    "no " + name + FileSignatureCheck.DETACHED + " beside the file, and the file is not a .p7m");
        }
        // A sender we do not know is refused as such (0085 code 23), whatever its signature says: there is no
        // registered party to bind the signer to, and a signature reason would hide why the file was refused.
        boolean unknownSender = r.readable() && reference.partyByEdiId(sender).isEmpty();
        if (outcome != null && outcome.isPassed() && r.readable() && !unknownSender) {
            String expectedBrn = reference.partyByEdiId(sender).map(ReferenceData.Party::brn).orElse(null);
            outcome = SignerBinding.check(outcome, expectedBrn);
        }

        List<SyntaxError> errors = new ArrayList<>(r.errors());
        Long earlier = files.sameBytes(sha);
        if (earlier != null) {
            errors.add(0, new SyntaxError(SyntaxErrorCode.DUPLICATE.code(), 0, "UNB", 0, 0,
                    "the same file was received before (inbound file " + earlier + ")"));
        } else if (r.readable()) {
            Long sameRef = files.sameControlRef(sender, r.header().controlReference());
            if (sameRef != null) {
                errors.add(0, new SyntaxError(SyntaxErrorCode.DUPLICATE.code(), 0, "UNB", 5, 0,
                        "interchange control reference " + r.header().controlReference()
                                + " was already used by this sender (inbound file " + sameRef + ")"));
            }
        }
        boolean duplicate = earlier != null;
        boolean signatureRejected = outcome != null && !outcome.isPassed() && !unknownSender;

        FileState state = FileState.CLAIMED;
        String reasonCode = null;
        String reasonText = null;
        if (!r.readable()) {
            state = FileState.REJECTED;
            reasonCode = "NOT_EDIFACT";
            reasonText = r.failure();
        } else if (!duplicate && signatureRejected) {
            state = FileState.REJECTED;
            reasonCode = "SIG:" + outcome.subReason().name();
            reasonText = FileSignatureCheck.reasonText(outcome);
        } else if (!errors.isEmpty()) {
            state = FileState.REJECTED;
            reasonCode = "0085:" + errors.get(0).code();
            reasonText = errors.get(0).text();
        }
        long id = files.insert(runId, sig.content(), sig.signature(), name, sha, r.readable() ? "EDIFACT" : "UNKNOWN",
                sender, state, reasonCode, reasonText, sig.form(), outcome);
        if (r.readable()) {
            SyntaxError first = errors.isEmpty() ? null : errors.get(0);
            files.envelope(id, new InboundFiles.Envelope(sender, r.header().senderQualifier(), r.header().recipient(),
                    r.header().recipientQualifier(), r.header().controlReference(), r.header().syntaxIdentifier(),
                    r.header().syntaxVersion(), r.messageCount(), state == FileState.CLAIMED,
                    first == null ? null : first.code(), first == null ? null : first.segmentTag(),
                    first == null ? null : first.elementPosition(), first == null ? null : first.componentPosition(),
                    first == null ? null : first.text()));
        }
        int seq = 0;
        if (!r.readable()) {
            files.exception(runId, id, seq++, ExceptionCategory.FILE, null, name, reasonCode, reasonText);
        } else if (!duplicate && signatureRejected) {
            files.exception(runId, id, seq++, ExceptionCategory.SIGNATURE, sender, name, reasonCode,
                    ExceptionCategory.fileRefused(reasonText));
        }
        for (SyntaxError e : errors) {
            files.exception(runId, id, seq++, ExceptionCategory.FILE, sender, name, ExceptionCategory.syntaxCode(e.code()),
                    ExceptionCategory.interchangeRejected(e.code(), e.text()));
        }
    }


}
