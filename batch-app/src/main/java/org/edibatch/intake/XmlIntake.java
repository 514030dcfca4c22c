package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.ReferenceData;
import org.edibatch.refdata.ReferenceSnapshot;
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
import java.util.Optional;

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
        return new Scanned(scan, SignedXmlFile.signature(sig, signatures, receivedAt));
    }

    void register(long runId, String name, String sha, FileSignatureCheck.Result sig, Scanned scanned,
                  ReferenceSnapshot reference) throws IOException {
        XmlDeclarationReader.Scan scan = scanned.scan();
        XmlBatchHeader header = scan.header();
        String sender = header == null ? null : header.senderId();
        // As for EDIFACT: an unregistered sender is refused as such (X-code UNKNOWN_SENDER), not for its signature.
        var party = sender == null ? Optional.<ReferenceData.Party>empty() : reference.partyByEdiId(sender);
        boolean unknownSender = sender != null && party.isEmpty();
        VerificationOutcome outcome = SignedXmlFile.judged(scanned.outcome(), props.signature().requiredFor("XML"),
                name, party);
        String answerTo = SignedXmlFile.answerTo(sender, outcome, reference);

        List<XmlError> errors = new ArrayList<>(scan.batchErrors());
        Long earlier = files.sameBytes(sha);
        if (earlier != null) {
            errors.add(0, XmlError.of(XmlErrorCode.DUPLICATE, "/", 0, 0,
                    "the same file was received before (inbound file " + earlier + ")"));
        } else if (header != null && !scan.refused()) {
            if (party.isEmpty()) {
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
        SignedXmlFile.register(files, runId, name, sha, "XML", sig, outcome, answerTo, earlier != null, unknownSender,
                errors, new SignedXmlFile.Header(header == null ? null : header.recipientId(),
                        header == null ? null : header.batchId(), header == null ? "1" : Integer.toString(header.version()),
                        scan.declarations()));
    }
}
