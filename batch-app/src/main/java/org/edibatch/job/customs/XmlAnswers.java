package org.edibatch.job.customs;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.ack.AtomicFiles;
import org.edibatch.answer.AnswerRepository;
import org.edibatch.release.PaymentTerms;
import org.edibatch.signature.SubReason;
import org.edibatch.xml.XmlAnswerWriter;
import org.edibatch.xml.XmlError;
import org.edibatch.xml.XmlResponse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;

import java.util.List;


/**
 * The answer to an XML batch, in XML (XML in, XML out): one response per declaration from what the customs
 * step committed, or the batch refused whole (envelope, limits, DTD, signature). The same decisions as the
 * EDIFACT answers, read from the same tables.
 */
final class XmlAnswers {

    /** The batch being answered; {@code errorCode} etc. describe why it was refused, if it was. */
    record Batch(long fileId, String sender, String batchRef, boolean accepted, String errorCode, String errorPointer,
                 int errorLine, int errorColumn, String errorText, String sigReason, String sigDetail, int version) {
    }

    private final AnswerRepository repository;
    private final Clock clock;
    private final String ourId;
    private final BigDecimal vatRatePercent;
    private final PaymentTerms terms;

    XmlAnswers(AnswerRepository repository, Clock clock, String ourId, BigDecimal vatRatePercent,
               PaymentTerms terms) {
        this.repository = repository;
        this.clock = clock;
        this.ourId = ourId;
        this.vatRatePercent = vatRatePercent;
        this.terms = terms;
    }

    /** @return the SHA-256 of the answer written */
    String write(Batch b, Path target, String responseId) throws IOException {
        XmlAnswerWriter.Header header = new XmlAnswerWriter.Header(ourId, b.sender(), responseId,
                OffsetDateTime.now(clock), b.batchRef(), b.version());
        if (b.sigReason() != null) {
            SubReason reason = SubReason.valueOf(b.sigReason());
            XmlError e = new XmlError(AperakBuilder.code(reason), "/", 0, 0, reason.name() + ": " + reason.text()
                    + (b.sigDetail() == null || b.sigDetail().isEmpty() ? "" : " " + b.sigDetail()));
            return AtomicFiles.write(target, out -> XmlAnswerWriter.refused(out, header, List.of(e)));
        }
        if (!b.accepted()) {
            XmlError e = new XmlError(b.errorCode(), b.errorPointer(), b.errorLine(), b.errorColumn(), b.errorText());
            return AtomicFiles.write(target, out -> XmlAnswerWriter.refused(out, header, List.of(e)));
        }
        int count = repository.declarationCount(b.fileId());
        return AtomicFiles.write(target, out -> {
            XmlAnswerWriter w = XmlAnswerWriter.processed(out, header, count, List.of());
            streamResponses(b.fileId(), w::write);
            w.finish();
        });
    }

    /** One declaration's response in memory at a time, in batch order. */
    private void streamResponses(long fileId, AnswerTasklet.Sink<XmlResponse> sink) {
        // the acceptance date: the day the batch was received, in the office's zone (the payment's due date counts
        // from it), so an answer written again after a restart says the same
        LocalDate today = LocalDate.ofInstant(repository.receivedAt(fileId), clock.getZone());
        AnswerRepository.DeclarationRow[] current = new AnswerRepository.DeclarationRow[1];
        List<XmlError> errors = new ArrayList<>();
        repository.forEachXmlDeclaration(fileId, row -> {
            if (current[0] != null && current[0].index() != row.index()) {
                sink.accept(response(current[0], errors, today));
                errors.clear();
            }
            current[0] = row;
            if (row.hasError()) {
                errors.add(new XmlError(row.errorCode(), row.errorPointer(), row.errorLine(), row.errorColumn(),
                        row.errorText()));
            }
        });
        if (current[0] != null) {
            try {
                sink.accept(response(current[0], errors, today));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private XmlResponse response(AnswerRepository.DeclarationRow r, List<XmlError> errors, LocalDate today) {
        int seq = r.index() + 1;
        String kind = r.kind();
        LocalDate date = r.date() == null ? null : r.date().toLocalDate();
        XmlResponse.Amendment amendment = amendment(r);
        if (!r.accepted()) {
            return XmlResponse.rejected(seq, kind, r.declarationNo(), date, List.copyOf(errors)).with(amendment);
        }
        if (amendment != null && amendment.cancelled()) {
            return new XmlResponse(seq, kind, r.declarationNo(), date, new XmlResponse.Acceptance(r.acceptanceNo(),
                    today, null, r.customsValue(), r.duty(), r.vat(), null, null, null, null, List.of()), List.of(),
                    amendment);
        }
        org.edibatch.customs.Channel channel = org.edibatch.customs.Channel.valueOf(r.channel());
        String hits = r.ruleHits();
        boolean export = "EXPORT".equals(kind);
        return new XmlResponse(seq, kind, r.declarationNo(), date, new XmlResponse.Acceptance(r.acceptanceNo(), today,
                r.exchangeRate(), r.customsValue(), r.duty(), r.vat(),
                export ? BigDecimal.ZERO : vatRatePercent, channel.code(), channel.text(),
                r.score(), hits == null || hits.isEmpty() ? List.of() : Arrays.asList(hits.split(";"))),
                List.of(), amendment).with(AnswerTasklet.payment(r, today, terms));
    }

    /** The same facts as the EDIFACT answer's (see {@code CusresBuilder.Amendment}). */
    private static XmlResponse.Amendment amendment(AnswerRepository.DeclarationRow r) {
        var m = AnswerTasklet.amendment(r);
        return m == null ? null : new XmlResponse.Amendment(m.functionCode(), m.cancelled(), m.previousAcceptanceNo(),
                m.previousCustomsValue(), m.previousTax());
    }
}
