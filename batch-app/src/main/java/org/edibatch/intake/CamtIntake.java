package org.edibatch.intake;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.ReferenceData;
import org.edibatch.payment.Camt054Reader;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.signature.VerificationOutcome;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlErrorCode;
import org.edibatch.xml.XmlLimits;
import org.edibatch.xml.XmlSchemas;
import org.edibatch.xml.internal.SecureStax;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Intake of a bank's camt.054 document: the decisions made for an XML declaration batch (signature, registered
 * sender, addressed to us, duplicates), from a full validating scan, so a document refused whole is refused before
 * any of its credits is posted. The sender is the account servicer the document names, and must be a party with
 * role BANK. Registered with format CAMT054: the payments step reads it, the customs step never does.
 */
final class CamtIntake {

    static final String FORMAT = "CAMT054";

    private final EdiBatchProperties props;
    private final InboundFiles files;

    CamtIntake(EdiBatchProperties props, InboundFiles files) {
        this.props = props;
        this.files = files;
    }

    /** Whether the XML document's root element is in camt.054's namespace (read no further than the root). */
    static boolean isCamt054(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            XMLStreamReader r = SecureStax.inputFactory(SecureStax.REFUSE).createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        return XmlSchemas.CAMT054_NS.equals(r.getNamespaceURI());
                    }
                }
                return false;
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return false; // not well formed: the declaration batch intake refuses it with its code
        }
    }

    /** What can be worked out from the file alone (no database). */
    record Scanned(Camt054Reader.Scan scan, VerificationOutcome outcome) {
    }

    static Scanned scan(FileSignatureCheck.Result sig, FileSignatureCheck signatures, Instant receivedAt)
            throws IOException {
        Camt054Reader.Scan scan;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(sig.content()), 1 << 16)) {
            scan = Camt054Reader.scan(in, XmlLimits.defaults());
        }
        return new Scanned(scan, SignedXmlFile.signature(sig, signatures, receivedAt));
    }

    void register(long runId, String name, String sha, FileSignatureCheck.Result sig, Scanned scanned,
                  ReferenceSnapshot reference) throws IOException {
        Camt054Reader.Scan scan = scanned.scan();
        Camt054Reader.Header header = scan.header();
        String sender = header == null ? null : header.servicerId();
        var party = sender == null ? java.util.Optional.<ReferenceData.Party>empty() : reference.partyByEdiId(sender);
        boolean unknownSender = sender != null && party.isEmpty();
        VerificationOutcome outcome = SignedXmlFile.judged(scanned.outcome(), props.signature().requiredFor("XML"),
                name, party);
        String answerTo = SignedXmlFile.answerTo(sender, outcome, reference);

        List<XmlError> errors = new ArrayList<>(scan.errors());
        Long earlier = files.sameBytes(sha);
        if (earlier != null) {
            errors.add(0, XmlError.of(XmlErrorCode.DUPLICATE, "/", 0, 0,
                    "the same file was received before (inbound file " + earlier + ")"));
        } else if (!scan.refused()) {
            String servicer = "/Document/BkToCstmrDbtCdtNtfctn/Ntfctn/Acct/Svcr";
            if (sender == null || unknownSender) {
                errors.add(XmlError.of(XmlErrorCode.UNKNOWN_SENDER, servicer, 0, 0,
                        "account servicer " + sender + " is not registered"));
            } else if (!"BANK".equals(party.get().role())) {
                errors.add(XmlError.of(XmlErrorCode.UNKNOWN_SENDER, servicer, 0, 0,
                        "account servicer " + sender + " is not registered as a bank"));
            }
            if (header != null && header.recipientId() != null && !props.ourEdiId().equals(header.recipientId())) {
                errors.add(XmlError.of(XmlErrorCode.WRONG_RECIPIENT, "/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgRcpt",
                        0, 0, "the document is addressed to " + header.recipientId() + ", not to " + props.ourEdiId()));
            }
            Long sameRef = sender == null || header.messageId() == null ? null
                    : files.sameControlRef(sender, header.messageId());
            if (sameRef != null) {
                errors.add(0, XmlError.of(XmlErrorCode.DUPLICATE, "/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId", 0, 0,
                        "message " + header.messageId() + " was already received from this bank (inbound file "
                                + sameRef + ")"));
            }
        }
        SignedXmlFile.register(files, runId, name, sha, FORMAT, sig, outcome, answerTo, earlier != null, unknownSender,
                errors, new SignedXmlFile.Header(header == null ? null : header.recipientId(),
                        header == null ? null : header.messageId(), "1", scan.advices()));
    }
}
