package org.edibatch.intake;

import org.edibatch.customs.ReferenceData;
import org.edibatch.exceptions.ExceptionCategory;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.signature.SignerBinding;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.VerificationOutcome;
import org.edibatch.xml.XmlError;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the intake decides alike for every signed XML document, a declaration batch or a bank's camt.054: its
 * signature (a {@code .p7s}/{@code .p7m} or an enveloped XML-DSig, required or not, bound to the registered
 * sender's business number), whom to answer, and how the file is registered and refused. The documents differ
 * only in where their header names the sender, the recipient and the control reference.
 */
final class SignedXmlFile {

    private SignedXmlFile() {
    }

    /** The file's signature outcome: the detached or attached one, else an enveloped XML-DSig (null: none). */
    static VerificationOutcome signature(FileSignatureCheck.Result sig, FileSignatureCheck signatures,
                                         Instant receivedAt) throws IOException {
        VerificationOutcome outcome = sig.outcome();
        return outcome != null ? outcome : signatures.envelopedXml(sig.content(), receivedAt);
    }

    /**
     * The outcome the intake judges: a missing signature refused when one is required, and a good signature
     * checked against the registered sender's business registration number.
     */
    static VerificationOutcome judged(VerificationOutcome outcome, boolean required, String name,
                                      Optional<ReferenceData.Party> party) {
        if (outcome == null && required) {
            return VerificationOutcome.of(SubReason.MISSING_SIGNATURE,
                    "no " + name + ".p7s beside the file and no enveloped XML-DSig signature");
        }
        if (outcome != null && outcome.isPassed() && party.isPresent()) {
            return SignerBinding.check(outcome, party.get().brn());
        }
        return outcome;
    }

    /**
     * Whom to answer: the sender the document names, else (a document refused before its header could be read)
     * the registered party whose certificate signed it.
     */
    static String answerTo(String sender, VerificationOutcome outcome, ReferenceSnapshot reference) {
        if (sender == null && outcome != null && outcome.isPassed()) {
            return reference.partyByBrn(outcome.signerBrn()).map(ReferenceData.Party::ediId).orElse(null);
        }
        return sender;
    }

    /** The header values a registered document's envelope row records. */
    record Header(String recipient, String controlRef, String version, int messageCount) {
    }

    /**
     * Registers the file: refused for its signature (unless a duplicate, or from an unknown sender, which is
     * refused as such), else for its first error, else claimed; its envelope when there is someone to answer;
     * and its exception lines.
     */
    static void register(InboundFiles files, long runId, String name, String sha, String format,
                         FileSignatureCheck.Result sig, VerificationOutcome outcome, String answerTo,
                         boolean duplicate, boolean unknownSender, List<XmlError> errors, Header header)
            throws IOException {
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
        long id = files.insert(runId, sig.content(), sig.signature(), name, sha, format, answerTo, state, reasonCode,
                reasonText, sig.form(), outcome);
        if (answerTo != null) {
            XmlError first = errors.isEmpty() ? null : errors.get(0);
            files.envelope(id, new InboundFiles.Envelope(answerTo, null, header.recipient() == null ? ""
                    : header.recipient(), null, header.controlRef() == null ? "UNKNOWN" : header.controlRef(), "XML",
                    header.version(), header.messageCount(), state == FileState.CLAIMED,
                    first == null ? null : first.code(), first == null ? null : first.pointer(),
                    first == null ? null : first.line(), first == null ? null : first.column(),
                    first == null ? null : first.text()));
        }
        exceptions(files, runId, id, answerTo, name, !duplicate && signatureRejected, reasonCode, reasonText, errors);
    }

    /** The exception lines of a registered XML file: its signature's refusal when it has one, then each error. */
    private static void exceptions(InboundFiles files, long runId, long id, String answerTo, String name,
                                   boolean signatureRefused, String reasonCode, String reasonText,
                                   List<XmlError> errors) {
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
