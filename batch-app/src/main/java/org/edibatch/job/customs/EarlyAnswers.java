package org.edibatch.job.customs;

import org.edibatch.ack.ContrlBuilder;
import org.edibatch.ack.CusresBuilder;
import org.edibatch.answer.AnswerKind;
import org.edibatch.customs.Assessment;
import org.edibatch.customs.Channel;
import org.edibatch.customs.ContentError;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.edifact.EdifactWriter;
import org.edibatch.release.PaymentDue;
import org.edibatch.release.PaymentTerms;
import org.edibatch.schemas.PaymentNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers an EDIFACT file from the customs step: its CONTRL and CUSRES are built in memory while its messages
 * are committed, and handed to the {@link AnswerOutbox} when the last one is, so a sender's answer does not
 * wait for the whole run, and the answer step does not read a million decisions back from the database.
 *
 * <p>Only what is committed is answered: a chunk's messages are applied after its transaction commits. A
 * file is left to the answer step (which builds the same bytes from the database) whenever this cannot be
 * sure to have all of it: the partition restarted in the middle of it, a chunk rolled back, or its answers
 * outgrew {@code maxBytes}, which keeps memory flat however large one interchange is. One instance per
 * partition: a partition reads its files one after the other, so at most one file is open here.
 */
final class EarlyAnswers {

    private static final Logger log = LoggerFactory.getLogger(EarlyAnswers.class);

    private final AnswerFiles names;
    private final AnswerOutbox outbox;
    private final Clock clock;
    private final long maxBytes;
    private final PaymentTerms terms;
    private OpenFile open;

    /** @param maxBytes the most one file's answers may take in memory; 0 turns early answers off */
    EarlyAnswers(AnswerFiles names, AnswerOutbox outbox, Clock clock, long maxBytes, PaymentTerms terms) {
        this.names = names;
        this.outbox = outbox;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.terms = terms;
    }

    /** The answers of one file being built; {@code given} is how many of its messages were applied. */
    private static final class OpenFile {
        final long fileId;
        final MessageItem.Envelope envelope;
        // Sized for the file at once (a CONTRL line is ~30 bytes per message, a CUSRES message ~350), so the
        // arrays are not regrown and copied as the answers fill; a file's answers are tens of kilobytes.
        ByteArrayOutputStream contrlBytes;
        ByteArrayOutputStream cusresBytes;
        EdifactWriter contrl;
        EdifactWriter cusres;
        LocalDate today;
        LocalDate accepted;
        int given;
        int declarations;
        boolean onlyContrl = true;
        boolean anyRejected;
        boolean abandoned;

        OpenFile(long fileId, MessageItem.Envelope envelope, long maxBytes) {
            this.fileId = fileId;
            this.envelope = envelope;
            int messages = Math.max(1, envelope.messageCount());
            contrlBytes = new ByteArrayOutputStream((int) Math.min(maxBytes, 256L + 40L * messages));
            cusresBytes = new ByteArrayOutputStream((int) Math.min(maxBytes, 256L + 400L * messages));
            contrl = new EdifactWriter(contrlBytes, 1024);
            cusres = new EdifactWriter(cusresBytes, 1024);
        }

        /** Left to the answer step: what was built so far is dropped at once. */
        void abandon() {
            abandoned = true;
            contrlBytes = cusresBytes = null;
            contrl = cusres = null;
        }
    }

    /**
     * Called by the writer inside the chunk's transaction with the chunk's messages and their final outcomes;
     * they are applied only if and when that transaction commits.
     */
    void stage(List<ProcessedMessage> chunk) {
        if (maxBytes <= 0) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // Without a commit to wait for, answering now could answer what is then rolled back.
            abandonOpen();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    try {
                        apply(chunk);
                    } catch (IOException | RuntimeException e) {
                        log.warn("early answer abandoned ({}); the answer step writes it", e.toString());
                        abandonOpen();
                    }
                } else {
                    abandonOpen();
                }
            }
        });
    }

    private void abandonOpen() {
        if (open != null) {
            open.abandon();
        }
    }

    private void apply(List<ProcessedMessage> chunk) throws IOException {
        for (ProcessedMessage pm : chunk) {
            MessageItem item = pm.item();
            if (item.envelope() == null) {
                continue; // XML batches are answered by the answer step
            }
            if (open == null || open.fileId != item.fileId()) {
                open = start(item);
            }
            if (open.abandoned) {
                continue;
            }
            if (item.index() != open.given) {
                open.abandon(); // restarted inside this file: its first messages were applied by another run
                continue;
            }
            add(open, pm);
            if (open.contrl.size() + open.cusres.size() > maxBytes) {
                open.abandon();
            } else if (open.given == open.envelope.messageCount()) {
                finish(open);
                open = null;
            }
        }
    }

    private OpenFile start(MessageItem item) throws IOException {
        OpenFile f = new OpenFile(item.fileId(), item.envelope(), maxBytes);
        f.today = LocalDate.now(clock);
        MessageItem.Envelope e = item.envelope();
        f.accepted = LocalDate.ofInstant(e.receivedAt(), clock.getZone());
        names.startInterchange(f.contrl, e.answerSyntax(), e.sender(), e.fileSha(), AnswerKind.CONTRL.code());
        ContrlBuilder.start(f.contrl, "1", new ContrlBuilder.Interchange(e.controlRef(), e.sender(), e.senderQualifier(),
                e.recipient(), e.recipientQualifier(), null));
        names.startInterchange(f.cusres, e.answerSyntax(), e.sender(), e.fileSha(), AnswerKind.CUSRES.code());
        return f;
    }

    private void add(OpenFile f, ProcessedMessage pm) throws IOException {
        MessageItem item = pm.item();
        f.given++;
        if (!item.typeIdentifier().startsWith("CONTRL:")) {
            f.onlyContrl = false;
        }
        if (!item.syntaxErrors().isEmpty()) {
            f.anyRejected = true;
        }
        ContrlBuilder.message(f.contrl, new ContrlBuilder.Message(item.reference(), item.typeIdentifier(),
                item.syntaxErrors()));
        if (pm.outcome() != null) {
            f.declarations++;
            CusresBuilder.write(f.cusres, Integer.toString(f.declarations), f.today,
                    answer(pm.outcome()).withPayment(payment(item, pm.outcome(), f.accepted, terms)));
        }
    }

    /**
     * The same choices as the answer step: no CONTRL to a file of CONTRLs, nor to a partner that wants one only
     * when something was rejected and nothing was; no CUSRES without declarations.
     */
    private void finish(OpenFile f) throws IOException {
        MessageItem.Envelope e = f.envelope;
        if (!f.onlyContrl && (e.positiveContrl() || f.anyRejected)) {
            ContrlBuilder.end(f.contrl);
            f.contrl.endInterchange();
            outbox.submit(f.fileId, AnswerKind.CONTRL.code(), e.sender(),
                    names.target(AnswerKind.CONTRL.code(), e.sender(), e.controlRef(), f.fileId, ".edi"), f.contrlBytes);
        }
        if (f.declarations > 0) {
            f.cusres.endInterchange();
            outbox.submit(f.fileId, AnswerKind.CUSRES.code(), e.sender(),
                    names.target(AnswerKind.CUSRES.code(), e.sender(), e.controlRef(), f.fileId, ".edi"), f.cusresBytes);
        }
    }

    /**
     * The payment an accepted import's answer names: the original's payment number (this message's, or for a
     * replacement the one its number's state carries), the version's duty and VAT, due after the file's receipt.
     */
    static PaymentDue payment(MessageItem item, DeclarationOutcome o, LocalDate accepted, PaymentTerms terms) {
        if (!o.accepted() || o.cancelled() || o.assessment() == null
                || org.edibatch.xml.XmlDeclarationItem.EXPORT.equals(item.kind())) {
            return null;
        }
        long fileId = item.fileId();
        int index = item.index();
        if (o.amendment() != null) {
            PaymentNumber.Key original = o.amendment().previous().original();
            fileId = original.fileId();
            index = original.messageIndex();
        }
        return PaymentDue.of(fileId, index, o.assessment().totalTax(), accepted, terms);
    }

    /** What the answer step reads back from the declaration's row, taken from the decision itself. */
    static CusresBuilder.Answer answer(DeclarationOutcome o) {
        Assessment a = o.assessment();
        Channel channel = o.accepted() && o.selection() != null ? o.selection().channel() : null;
        String hits = o.selection() == null ? null : o.selection().hitsText();
        List<CusresBuilder.Error> errors = new ArrayList<>(o.errors().size());
        for (ContentError e : o.errors()) {
            errors.add(new CusresBuilder.Error(e.code().code(), e.pointer(), e.detail()));
        }
        return new CusresBuilder.Answer(o.declaration().declarationNo(), o.declaration().date(), o.accepted(),
                o.acceptanceNo(), a == null ? null : a.customsValue(), null, a == null ? null : a.duty(),
                a == null ? null : a.vat(), channel == null ? null : channel.code(),
                channel == null ? null : CusresBuilder.channelText(channel.text(), o.selection().score(), hits),
                List.copyOf(errors), amendment(o));
    }

    /** The amendment part of the answer, as the answer step reads it from the declaration's version row. */
    private static CusresBuilder.Amendment amendment(DeclarationOutcome o) {
        if (!o.function().amends()) {
            return null;
        }
        var applied = o.amendment();
        if (applied == null) {
            return new CusresBuilder.Amendment(o.function().code(), false, null, null, null);
        }
        var p = applied.previous();
        return new CusresBuilder.Amendment(o.function().code(), applied.cancelled(), p.acceptanceNo(),
                p.customsValue(), p.totalTax());
    }
}
