package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.ReferenceData;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.edibatch.xml.XmlBatchHeader;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlErrorCode;
import org.edibatch.xml.XmlLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Intake of an XML declaration batch: the same decisions as for an EDIFACT interchange (signature, known
 * sender, addressed to us, duplicates), made from a full streaming scan (well-formedness, no DTD or entity,
 * limits) so that a file refused whole is refused before any of its declarations is processed.
 */
final class XmlIntake {

    private final EdiBatchProperties props;
    private final InboundFiles files;

    XmlIntake(EdiBatchProperties props, InboundFiles files) {
        this.props = props;
        this.files = files;
    }

    /** XML starts with '<' after an optional byte order mark and white space; EDIFACT never does. */
    static boolean looksLikeXml(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b = in.read();
            if (b == 0xEF) { // UTF-8 byte order mark
                in.read();
                in.read();
                b = in.read();
            }
            while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                b = in.read();
            }
            return b == '<';
        }
    }

    /** What can be worked out from the file alone (no database): safe to compute on several threads. */
    record Scanned(XmlDeclarationReader.Scan scan, VerificationOutcome outcome) {
    }

    static Scanned scan(FileSignatureCheck.Result sig, FileSignatureCheck signatures, Instant receivedAt)
            throws IOException {
        XmlDeclarationReader.Scan scan;
        try (InputStream in = Files.newInputStream(sig.content())) {
            scan = XmlDeclarationReader.scan(in, XmlLimits.defaults());
        }
        VerificationOutcome outcome = sig.outcome();
        if (outcome == null) {
            outcome = signatures.envelopedXml(sig.content(), receivedAt);
        }
        return new Scanned(scan, outcome);
    }

    void register(long runId, String name, String sha, FileSignatureCheck.Result sig, Scanned scanned,
                  ReferenceSnapshot reference) throws IOException {
        XmlDeclarationReader.Scan scan = scanned.scan();
        XmlBatchHeader header = scan.header();
        VerificationOutcome outcome = scanned.outcome();
        boolean required = props.signature().requiredFor("XML");
        if (outcome == null && required) {
            outcome = VerificationOutcome.of(SubReason.MISSING_SIGNATURE,
                    "no " + name + ".p7s beside the file and no enveloped XML-DSig signature");
        }
        String sender = header == null ? null : header.senderId();
        // As for EDIFACT: an unregistered sender is refused as such (X-code UNKNOWN_SENDER), not for its signature.
        boolean unknownSender = sender != null && reference.partyByEdiId(sender).isEmpty();
        if (outcome != null && outcome.isPassed() && sender != null && !unknownSender) {
            String expectedBrn = reference.partyByEdiId(sender).map(ReferenceData.Party::brn).orElse(null);
            outcome = SignerBinding.check(outcome, expectedBrn);
        }
        // Whom to answer: the sender the batch names, else (a batch refused before its header could be read)
        // the registered party whose certificate signed it.
        String answerTo = sender;
        if (answerTo == null && outcome != null && outcome.isPassed()) {
            answerTo = reference.partyByBrn(outcome.signerBrn()).map(ReferenceData.Party::ediId).orElse(null);
        }

        List<XmlError> errors = new ArrayList<>(scan.batchErrors());
        Long earlier = files.sameBytes(sha);
        if (earlier != null) {
            errors.add(0, XmlError.of(XmlErrorCode.DUPLICATE, "/", 0, 0,
                    "the same file was received before (inbound file " + earlier + ")"));
        } else if (header != null && !scan.refused()) {
            if (reference.partyByEdiId(sender).isEmpty()) {
                errors.add(XmlError.of(XmlErrorCode.UNKNOWN_SENDER, "/DeclarationBatch/SenderID", 0, 0,
                        "sender " + sender + " is not registered"));
            }
            if (!props.ourEdiId().equals(header.recipientId())) {
                errors.add(XmlError.of(XmlErrorCode.WRONG_RECIPIENT, "/DeclarationBatch/RecipientID", 0, 0,
                        "the batch is addressed to " + header.recipientId() + ", not to " + props.ourEdiId()));
            }
            Long sameRef = files.sameControlRef(sender, header.batchId());
            if (sameRef != null) {
                errors.add(0, XmlError.of(XmlErrorCode.DUPLICATE, "/DeclarationBatch/BatchID", 0, 0,
                        "batch " + header.batchId() + " was already received from this sender (inbound file " + sameRef + ")"));
            }
        }
        boolean duplicate = earlier != null;
        boolean signatureRejected = outcome != null && !outcome.isPassed() && !unknownSender;
        FileState state = FileState.CLAIMED;
        String reasonCode = null;
        String reasonText = null;
        if (!duplicate && signatureRejected) {
            state = FileState.REJECTED;
            reasonCode = "SIG:" + outcome.subReason().name();
            reasonText = FileSignatureCheck.reasonText(outcome);
        } else if (!errors.isEmpty()) {
            state = FileState.REJECTED;
            reasonCode = "XML:" + errors.get(0).code();
            reasonText = errors.get(0).text() + position(errors.get(0));
        }
        long id = files.insert(runId, sig.content(), sig.signature(), name, sha, "XML", answerTo, state, reasonCode,
                reasonText, sig.form(), outcome);
        if (answerTo != null) {
            XmlError first = errors.isEmpty() ? null : errors.get(0);
            String recipient = header == null || header.recipientId() == null ? "" : header.recipientId();
            files.envelope(id, new InboundFiles.Envelope(answerTo, null, recipient,
                    null, header == null || header.batchId() == null ? "UNKNOWN" : header.batchId(), "XML",
                    header == null ? "1" : Integer.toString(header.version()),
                    scan.declarations(), state == FileState.CLAIMED, first == null ? null : first.code(),
                    first == null ? null : first.pointer(), first == null ? null : first.line(),
                    first == null ? null : first.column(), first == null ? null : first.text()));
        }
        exceptions(files, runId, id, answerTo, name, !duplicate && signatureRejected, reasonCode, reasonText, errors);
    }

    /**
     * The exception lines of a registered XML file (a declaration batch or a bank's camt.054): its signature's
     * refusal when it has one, then each schema or parse error.
     */
    static void exceptions(InboundFiles files, long runId, long id, String answerTo, String name,
                           boolean signatureRefused, String reasonCode, String reasonText, List<XmlError> errors) {
        int seq = 0;
        if (signatureRefused) {
            files.exception(runId, id, seq++, ExceptionCategory.SIGNATURE, answerTo, name, reasonCode,
                    ExceptionCategory.fileRefused(reasonText));
        }
        for (XmlError e : errors) {
            files.exception(runId, id, seq++, ExceptionCategory.FILE, answerTo, name, e.code(),
                    ExceptionCategory.batchRefused(e.text(), position(e)));
        }
    }

    static String position(XmlError e) {
        return e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
    }
}
