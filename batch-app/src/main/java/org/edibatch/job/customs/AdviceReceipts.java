package org.edibatch.job.customs;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.AtomicFiles;
import org.edibatch.answer.AnswerFile;
import org.edibatch.answer.AnswerKind;
import org.edibatch.answer.AnswerRepository;
import org.edibatch.answer.AnswerRepository.FileToAnswer;
import org.edibatch.codes.CodeList;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.intake.EnvelopeStatus;
import org.edibatch.payment.AdviceCode;
import org.edibatch.payment.PaymentCode;
import org.edibatch.signature.SubReason;
import org.edibatch.xml.AdviceReceiptWriter;
import org.edibatch.xml.XmlError;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer to a bank's camt.054 document, in XML as it came: a receipt for a credit advice
 * ({@code CREDIT-ADVICE-RECEIPT_<MsgId>_<file id>.xml}, KCS-XML-CAR-1), refused whole with its X- or S-code, or
 * accepted with the codes of its credits that were not a plain payment, read from what the payments step
 * committed. A CREMUL keeps its EDIFACT answers (CONTRL, APERAK for a signature).
 */
final class AdviceReceipts {

    /** The answer's name prefix: what it is, for whoever reads the bank's outbox. */
    static final String NAME = "CREDIT-ADVICE-RECEIPT";

    private final AnswerRepository repository;
    private final AnswerFiles names;
    private final Clock clock;
    private final String ourId;

    AdviceReceipts(AnswerRepository repository, AnswerFiles names, Clock clock, String ourId) {
        this.repository = repository;
        this.names = names;
        this.clock = clock;
        this.ourId = ourId;
    }

    /** Whether the file still needs its receipt (a refusal recorded before receipts existed counts as one). */
    static boolean needed(FileToAnswer f) {
        return !f.recorded().contains(AnswerKind.ADVICE_RECEIPT.code())
                && !f.recorded().contains(AnswerKind.XMLRES.code());
    }

    AnswerFile write(FileToAnswer f) throws IOException {
        Path target = names.target(NAME, f.sender(), f.controlRef(), f.id(), ".xml");
        String kind = AnswerKind.ADVICE_RECEIPT.code();
        AdviceReceiptWriter.Header header = new AdviceReceiptWriter.Header(ourId, f.sender(),
                AnswerFiles.controlRef(f.sha(), kind), OffsetDateTime.now(clock), f.controlRef());
        String sha;
        if (f.status() != EnvelopeStatus.ACCEPTED) {
            XmlError error = refusal(f);
            sha = AtomicFiles.write(target, out -> AdviceReceiptWriter.refused(out, header, List.of(error)));
        } else {
            AnswerRepository.PaymentLineCounts counts = repository.paymentLineCounts(f.id());
            sha = AtomicFiles.write(target, out -> {
                AdviceReceiptWriter w = AdviceReceiptWriter.accepted(out, header, counts.lines(), counts.posted(),
                        counts.refused());
                repository.forEachCodedPaymentLine(f.id(), l -> w.line(new AdviceReceiptWriter.Line(
                        l.msgIndex() + 1, l.lineIndex(), l.transactionRef(), l.paymentReference(), l.amount(),
                        l.currency(), l.outcome(), l.code(), text(l.code()))));
                w.finish();
            });
        }
        return new AnswerFile(f.id(), kind, f.sender(), target.toString(), sha);
    }

    /** Why the document was refused whole: its signature's code, else the claim's X-code and where. */
    private static XmlError refusal(FileToAnswer f) {
        if (f.reasonCode() != null && f.reasonCode().startsWith("SIG:")) {
            SubReason reason = SubReason.valueOf(f.sigReason());
            return new XmlError(AperakBuilder.code(reason), "/", 0, 0, reason.name() + ": " + reason.text()
                    + (f.sigDetail() == null || f.sigDetail().isEmpty() ? "" : " " + f.sigDetail()));
        }
        SyntaxError e = f.error();
        return new XmlError(e.code(), e.segmentTag(), e.elementPosition(), e.componentPosition(), f.errorText());
    }

    /** The meaning of a credit's code: the payments' (P) or the readers' (R) list. */
    static String text(String code) {
        for (CodeList c : PaymentCode.values()) {
            if (c.code().equals(code)) {
                return c.text();
            }
        }
        for (CodeList c : AdviceCode.values()) {
            if (c.code().equals(code)) {
                return c.text();
            }
        }
        return code;
    }
}
