package org.edibatch.job.customs;

import org.edibatch.ack.AperakBuilder;
import org.edibatch.answer.AnswerFile;
import org.edibatch.answer.AnswerKind;
import org.edibatch.answer.AnswerRepository;
import org.edibatch.answer.AnswerRepository.FileToAnswer;
import org.edibatch.ack.AtomicFiles;
import org.edibatch.ack.ContrlBuilder;
import org.edibatch.ack.CusresBuilder;
import org.edibatch.config.CrashPoints;
import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.Channel;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.intake.EnvelopeStatus;
import org.edibatch.release.PaymentDue;
import org.edibatch.release.PaymentTerms;
import org.edibatch.signature.SubReason;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;

/**
 * Writes the answers the customs step did not write as soon as a file was committed (see {@link EarlyAnswers}):
 * a CONTRL per interchange and a CUSRES interchange holding one message per declaration, into
 * outbox/&lt;sender&gt;/, built from what the customs step committed; also the answers to files refused before
 * the customs step (APERAK, CONTRL rejecting the interchange) and to XML batches. First it waits for the early
 * answers still on their way to disk and records them. Names (inbound control reference and file id) and
 * control references derive from the inbound file, so rewriting after a restart produces the same files,
 * replaced atomically, and never overwrites the answer to another file.
 */
public class AnswerTasklet implements Tasklet {

    private final EdiBatchProperties props;
    private final AnswerRepository repository;
    private final Clock clock;
    private final AnswerFiles names;
    private final AnswerOutbox outbox;
    private final JdbcTemplate jdbc;
    private final AdviceReceipts adviceReceipts;
    private PaymentTerms terms;

    public AnswerTasklet(EdiBatchProperties props, JdbcTemplate jdbc, Clock clock, AnswerOutbox outbox) {
        this.jdbc = jdbc;
        this.props = props;
        this.repository = new AnswerRepository(jdbc);
        this.clock = clock;
        this.names = new AnswerFiles(props, clock);
        this.outbox = outbox;
        this.adviceReceipts = new AdviceReceipts(repository, names, clock, props.ourEdiId());
    }

    private static boolean xml(FileToAnswer f) {
        return "XML".equals(f.format());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        // A file answered early has its answers recorded, by a chunk of the customs step or here, first: only
        // the answers still missing are built from the database.
        AnswerFiles.record(repository, outbox.awaitAll());
        List<FileToAnswer> files = repository.filesOfRun(runId);
        terms = org.edibatch.refdata.ReferenceSnapshot.paymentTerms(jdbc);
        List<AnswerFile> written = java.util.Collections.synchronizedList(new ArrayList<>());
        XmlAnswers xmlAnswers = new XmlAnswers(repository, clock, props.ourEdiId(), props.tax().vatRatePercent(),
                terms);
        // Each file's answers depend only on what the customs step committed for it, and writing them waits
        // mostly on the database and on fsync: several files at a time. What was written is recorded at the
        // end in this step's transaction; a restart after a crash rewrites the same files and rows.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, 2 * props.threads()));
        try {
            List<Future<Answered>> done = new ArrayList<>();
            for (FileToAnswer f : files) {
                done.add(pool.submit(() -> answer(f, xmlAnswers, written)));
            }
            // write count: files answered; read count: files whose answers were built here from the database
            for (Future<Answered> d : done) {
                try {
                    Answered a = d.get();
                    if (a != Answered.NOT_ANSWERED) {
                        contribution.incrementWriteCount(1);
                    }
                    if (a == Answered.HERE) {
                        contribution.incrementReadCount();
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        AnswerFiles.record(repository, written);
        new ReleaseNotices(props, new org.edibatch.release.ReleaseRepository(jdbc), clock, names).write(runId);
        CrashPoints.reach("answer.done");
        return RepeatStatus.FINISHED;
    }

    private enum Answered { NOT_ANSWERED, EARLY, HERE }

    /** @return how the file was answered (a file not addressed to us gets no answer) */
    private Answered answer(FileToAnswer f, XmlAnswers xmlAnswers, List<AnswerFile> written) throws IOException {
        if (!props.ourEdiId().equals(f.recipient()) && f.error() != null && "7".equals(f.error().code())) {
            // not addressed to us: answering would send our CONTRL to a party that never wrote to us
            return Answered.NOT_ANSWERED;
        }
        boolean wrote = false;
        if ("CAMT054".equals(f.format())) {
            // a bank's camt.054: its own receipt, refused whole or with the codes of its credits
            if (AdviceReceipts.needed(f)) {
                written.add(adviceReceipts.write(f));
                wrote = true;
            }
        } else if (xml(f) && f.edifactForXml() && f.status() == EnvelopeStatus.ACCEPTED) {
            // the partner's profile: its accepted batches get a CUSRES (its refused ones the XML response, which
            // alone can say what was wrong with a batch)
            if (f.hasDeclarations() && !f.recorded().contains(AnswerKind.CUSRES.code())) {
                written.add(writeCusres(f));
                wrote = true;
            }
        } else if (xml(f)) {
            if (!f.recorded().contains(AnswerKind.XMLRES.code())) {
                written.add(writeXml(f, xmlAnswers));
                wrote = true;
            }
        } else if (f.reasonCode() != null && f.reasonCode().startsWith("SIG:")) {
            if (!f.recorded().contains(AnswerKind.APERAK.code())) {
                written.add(writeAperak(f));
                wrote = true;
            }
        } else {
            // a CONTRL is never answered with a CONTRL, nor a partner that wants one only for a rejection without one
            boolean contrlWanted = f.positiveContrl() || f.status() != EnvelopeStatus.ACCEPTED || f.anyRejected();
            if (!f.allContrl() && contrlWanted && !f.recorded().contains(AnswerKind.CONTRL.code())) {
                written.add(writeContrl(f));
                wrote = true;
            }
            if (f.hasDeclarations() && !f.recorded().contains(AnswerKind.CUSRES.code())) {
                written.add(writeCusres(f));
                wrote = true;
            }
        }
        if (wrote) {
            CrashPoints.reach("answer.file-written");
        }
        return wrote ? Answered.HERE : Answered.EARLY;
    }

    /** Hands each message, with its errors, to {@code sink} in message order, one message in memory at a time. */
    private void streamMessages(long fileId, Sink<ContrlBuilder.Message> sink) {
        AnswerRepository.MessageRow[] current = new AnswerRepository.MessageRow[1];
        List<SyntaxError> errors = new ArrayList<>();
        repository.forEachMessage(fileId, row -> {
            if (current[0] != null && current[0].index() != row.index()) {
                sink.accept(new ContrlBuilder.Message(current[0].reference(), current[0].type(), List.copyOf(errors)));
                errors.clear();
            }
            current[0] = row;
            if (row.error() != null) {
                errors.add(row.error());
            }
        });
        if (current[0] != null) {
            try {
                sink.accept(new ContrlBuilder.Message(current[0].reference(), current[0].type(), List.copyOf(errors)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    interface Sink<T> {
        void accept(T t) throws IOException;
    }

    private AnswerFile writeContrl(FileToAnswer f) throws IOException {
        Path target = names.target(AnswerKind.CONTRL.code(), f.sender(), f.controlRef(), f.id(), ".edi");
        ContrlBuilder.Interchange ic = new ContrlBuilder.Interchange(f.controlRef(), f.sender(), f.senderQualifier(),
                f.recipient(), f.recipientQualifier(), f.status() == EnvelopeStatus.ACCEPTED ? null : f.error());
        return write(f, AnswerKind.CONTRL.code(), target, w -> {
            ContrlBuilder.start(w, "1", ic);
            if (ic.error() == null) {
                streamMessages(f.id(), m -> ContrlBuilder.message(w, m));
            }
            ContrlBuilder.end(w);
        });
    }

    private AnswerFile writeAperak(FileToAnswer f) throws IOException {
        Path target = names.target(AnswerKind.APERAK.code(), f.sender(), f.controlRef(), f.id(), ".edi");
        SubReason reason = SubReason.valueOf(f.sigReason());
        LocalDate today = LocalDate.now(clock);
        return write(f, AnswerKind.APERAK.code(), target,
                w -> AperakBuilder.write(w, "1", today, f.controlRef(), reason, f.sigDetail()));
    }

    private AnswerFile writeCusres(FileToAnswer f) throws IOException {
        Path target = names.target(AnswerKind.CUSRES.code(), f.sender(), f.controlRef(), f.id(), ".edi");
        LocalDate today = LocalDate.now(clock);
        LocalDate accepted = LocalDate.ofInstant(repository.receivedAt(f.id()), clock.getZone());
        return write(f, AnswerKind.CUSRES.code(), target, w -> {
            int[] n = {1};
            streamDeclarations(f.id(), accepted, a -> CusresBuilder.write(w, Integer.toString(n[0]++), today, a));
        });
    }

    /** Hands each declaration's answer, with its errors, to {@code sink} in message order, one at a time. */
    private void streamDeclarations(long fileId, LocalDate accepted, Sink<CusresBuilder.Answer> sink) {
        AnswerRepository.DeclarationRow[] current = new AnswerRepository.DeclarationRow[1];
        List<CusresBuilder.Error> errors = new ArrayList<>();
        repository.forEachDeclaration(fileId, row -> {
            if (current[0] != null && current[0].index() != row.index()) {
                sink.accept(answer(current[0], errors).withPayment(payment(current[0], accepted, terms)));
                errors.clear();
            }
            current[0] = row;
            if (row.hasError()) {
                errors.add(new CusresBuilder.Error(row.errorCode(), row.errorPointer(), row.errorText()));
            }
        });
        if (current[0] != null) {
            try {
                sink.accept(answer(current[0], errors).withPayment(payment(current[0], accepted, terms)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static CusresBuilder.Answer answer(AnswerRepository.DeclarationRow r, List<CusresBuilder.Error> errors) {
        boolean accepted = r.accepted();
        Channel channel = accepted && r.channel() != null ? Channel.valueOf(r.channel()) : null;
        String hits = r.ruleHits();
        java.sql.Date date = r.date();
        return new CusresBuilder.Answer(r.declarationNo(), date == null ? null : date.toLocalDate(), accepted,
                r.acceptanceNo(), r.customsValue(), null, r.duty(), r.vat(), channel == null ? null : channel.code(),
                channel == null ? null : CusresBuilder.channelText(channel.text(), r.score(), hits),
                List.copyOf(errors), amendment(r));
    }

    /** The payment an accepted import's answer names, as the customs step's early answer does (see there). */
    static PaymentDue payment(AnswerRepository.DeclarationRow r, LocalDate accepted, PaymentTerms terms) {
        AnswerRepository.Version v = r.version();
        if (!r.accepted() || "EXPORT".equals(r.kind()) || r.original() == null
                || (v != null && "CANCELLED".equals(v.status())) || r.duty() == null) {
            return null;
        }
        return PaymentDue.of(r.original().fileId(), r.original().messageIndex(), r.duty().add(r.vat()), accepted,
                terms);
    }

    /** The amendment part of the answer, as the customs step's early answer takes it from the decision. */
    static CusresBuilder.Amendment amendment(AnswerRepository.DeclarationRow r) {
        AnswerRepository.Version v = r.version();
        if (v == null || "9".equals(v.function())) {
            return null;
        }
        if (v.status() == null) {
            return new CusresBuilder.Amendment(v.function(), false, null, null, null);
        }
        return new CusresBuilder.Amendment(v.function(), "CANCELLED".equals(v.status()), v.previousAcceptanceNo(),
                v.previousCustomsValue(), v.previousDuty().add(v.previousVat()));
    }

    private AnswerFile writeXml(FileToAnswer f, XmlAnswers answers) throws IOException {
        Path target = names.target(AnswerKind.CUSRES.code(), f.sender(), f.controlRef(), f.id(), ".xml");
        boolean signatureRefused = f.reasonCode() != null && f.reasonCode().startsWith("SIG:");
        SyntaxError e = f.error();
        String sha = answers.write(new XmlAnswers.Batch(f.id(), f.sender(), f.controlRef(),
                f.status() == EnvelopeStatus.ACCEPTED,
                e == null ? null : e.code(), e == null ? null : e.segmentTag(), e == null ? 0 : e.elementPosition(),
                e == null ? 0 : e.componentPosition(), f.errorText(), signatureRefused ? f.sigReason() : null,
                f.sigDetail(), "2".equals(f.syntaxVersion()) ? 2 : 1), target, AnswerFiles.controlRef(f.sha(), AnswerKind.XMLRES.code()));
        return new AnswerFile(f.id(), AnswerKind.XMLRES.code(), f.sender(), target.toString(), sha);
    }

    private interface Messages {
        void write(EdifactWriter w) throws IOException;
    }

    private AnswerFile write(FileToAnswer f, String kind, Path target, Messages body) throws IOException {
        String sha = AtomicFiles.write(target, (OutputStream out) -> {
            EdifactWriter w = new EdifactWriter(out);
            names.startInterchange(w, f.answerSyntax(), f.sender(), f.sha(), kind);
            body.write(w);
            w.endInterchange();
        });
        return new AnswerFile(f.id(), kind, f.sender(), target.toString(), sha);
    }
}
