package org.edibatch.job.customs;

import org.edibatch.edifact.EdifactMessage;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

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

    private final ItemStreamReader<MessageItem> messages;
    private final ItemProcessor<MessageItem, ProcessedMessage> processor;

    DecidingReader(ItemStreamReader<MessageItem> messages, ItemProcessor<MessageItem, ProcessedMessage> processor) {
        this.messages = messages;
        this.processor = processor;
    }

    @Override
    public ProcessedMessage read() throws Exception {
        MessageItem item = messages.read();
        if (item == null) {
            return null;
        }
        ProcessedMessage decided = processor.process(item);
        if (decided == null) {
            throw new IllegalStateException("the processor dropped message " + item.index() + " of file " + item.fileId());
        }
        return new ProcessedMessage(withoutSegments(decided.item()), decided.outcome());
    }

    private static MessageItem withoutSegments(MessageItem item) {
        EdifactMessage m = item.message();
        if (m == null || m.segments().isEmpty()) {
            return item;
        }
        return new MessageItem(item.fileId(), item.fileName(), item.sender(),
                new EdifactMessage(m.index(), m.reference(), m.type(), m.version(), m.release(), m.agency(), List.of(),
                        m.errors()),
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
