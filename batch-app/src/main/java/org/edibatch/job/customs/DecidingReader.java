package org.edibatch.job.customs;

import org.edibatch.customs.ContentError;
import org.edibatch.customs.CustomsErrorCode;
import org.edibatch.customs.Declaration;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.edifact.SyntaxErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands out each message already decided: the processor runs on a message as soon as it is read, and the
 * message's segments, no longer needed, are dropped before it waits in the chunk for the writer.
 *
 * <p>Why not the step's own processor: a chunk step reads all of a chunk's messages before it processes any. The
 * parse leaves ~190 KB of garbage per message between one message and the next, so by the time a chunk is
 * full, its first messages' segments are out of the CPU caches, and mapping a declaration from them costs
 * several times more; the segments would also stay reachable until the chunk is written, to be copied by every
 * collection that falls inside a chunk (measurements: docs/PERFORMANCE.md). The position saved for a
 * restart is the wrapped reader's, unchanged: a message is decided again if it is read again.
 */
final class DecidingReader implements ItemStreamReader<ProcessedMessage> {

    private static final Logger log = LoggerFactory.getLogger(DecidingReader.class);

    private final ItemStreamReader<MessageItem> messages;
    private final ItemProcessor<MessageItem, ProcessedMessage> processor;
    private final FaultDrill drill;

    DecidingReader(ItemStreamReader<MessageItem> messages, ItemProcessor<MessageItem, ProcessedMessage> processor) {
        this(messages, processor, new FaultDrill(-1));
    }

    DecidingReader(ItemStreamReader<MessageItem> messages, ItemProcessor<MessageItem, ProcessedMessage> processor,
                   FaultDrill drill) {
        this.messages = messages;
        this.processor = processor;
        this.drill = drill;
    }

    @Override
    public ProcessedMessage read() throws Exception {
        MessageItem item = messages.read();
        if (item == null) {
            return null;
        }
        ProcessedMessage decided;
        try {
            drill.beforeDeciding(item.fileName());
            decided = processor.process(item);
            if (decided == null) {
                throw new IllegalStateException("the processor dropped message " + item.index() + " of file " + item.fileId());
            }
        } catch (RuntimeException e) {
            // One message's fault is that message's: it is refused with a coded reason and the night goes on.
            // Faults of the service itself (database, disk) surface in the writer and still fail the run.
            log.warn("message {} of file {} ({}) refused: deciding it failed", item.index(), item.fileId(),
                    item.fileName(), e);
            if (item.message() == null) {
                return new ProcessedMessage(item, refused(item.xml().declaration(), e));
            }
            return new ProcessedMessage(refused(withoutSegments(item), e), null);
        }
        return new ProcessedMessage(withoutSegments(decided.item()), decided.outcome());
    }

    /** The message with an error on its UNH, 0085 code 18 (unspecified): CONTRL refuses it, the officers see why. */
    static MessageItem refused(MessageItem item, RuntimeException e) {
        return refused(item, "the message could not be decided (" + e.getClass().getSimpleName() + "); it is refused",
                true);
    }

    /**
     * The message refused with 0085 code 18 on its UNH and {@code why}; {@code keepErrors}: its own syntax errors
     * follow (the storing writer's last resort drops them, as one of them may be what could not be stored).
     */
    static MessageItem refused(MessageItem item, String why, boolean keepErrors) {
        EdifactMessage m = item.message();
        List<SyntaxError> errors = new ArrayList<>(m.errors().size() + 1);
        errors.add(new SyntaxError(SyntaxErrorCode.UNSPECIFIED.code(), 1, "UNH", 0, 0, why));
        if (keepErrors) {
            errors.addAll(m.errors());
        }
        return new MessageItem(item.fileId(), item.fileName(), item.sender(),
                new EdifactMessage(m.index(), m.reference(), m.type(), m.version(), m.release(), m.agency(), List.of(),
                        errors, keepErrors ? m.uncheckedSegments() : 0),
                item.xml(), item.envelope(), item.typeIdentifier());
    }

    /**
     * An XML declaration has no syntax answer: it is rejected with C190 in its XML answer instead, with the best-effort
     * declaration the reader mapped (its number and date are what the answer needs).
     */
    static DeclarationOutcome refused(Declaration declaration, RuntimeException e) {
        return DeclarationOutcome.rejected(declaration, List.of(new ContentError(CustomsErrorCode.UNDECIDED, "ID",
                "the declaration could not be decided (" + e.getClass().getSimpleName() + "); it is refused")));
    }

    private static MessageItem withoutSegments(MessageItem item) {
        EdifactMessage m = item.message();
        if (m == null || m.segments().isEmpty()) {
            return item;
        }
        return new MessageItem(item.fileId(), item.fileName(), item.sender(),
                new EdifactMessage(m.index(), m.reference(), m.type(), m.version(), m.release(), m.agency(), List.of(),
                        m.errors(), m.uncheckedSegments()),
                item.xml(), item.envelope(), item.typeIdentifier());
    }

    @Override
    public void open(ExecutionContext executionContext) {
        messages.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        messages.update(executionContext);
    }

    @Override
    public void close() {
        messages.close();
    }
}
