package org.edibatch.job.customs;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.SyntaxError;
import org.edibatch.intake.InboundFileRepository;
import org.edibatch.xml.XmlDeclarationItem;
import org.edibatch.xml.XmlDeclarationReader;
import org.edibatch.xml.XmlLimits;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the messages of every file this run claimed and accepted at envelope level, file by file.
 * Its position (file number, messages already handed out) is saved in the step's ExecutionContext at
 * each commit, so a restarted step re-opens the file and skips what was already processed and committed.
 */
public class ClaimedMessageReader implements ItemStreamReader<MessageItem> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClaimedMessageReader.class);

    private static final String FILE_KEY = "claimed.file";
    private static final String MESSAGE_KEY = "claimed.message";

    private record ClaimedFile(long id, String path, String name, String sender, String format,
                               MessageItem.Envelope envelope) {
        boolean xml() {
            return "XML".equals(format);
        }
    }

    private final InboundFileRepository inboundFiles;
    private final long runId;
    private final java.util.Set<Long> partitionFiles;

    private List<ClaimedFile> files;
    private int fileIndex;
    private int messagesRead;
    private InputStream in;
    private InterchangeReader reader;
    private XmlDeclarationReader xmlReader;
    /** The current file cannot be read further: its last message handed out refused the rest. */
    private boolean unreadable;

    /** @param fileIds the files of this reader's partition (as {@link FilePartitioner} wrote them); null for all of the run's */
    public ClaimedMessageReader(JdbcTemplate jdbc, long runId, String fileIds) {
        this.inboundFiles = new InboundFileRepository(jdbc);
        this.runId = runId;
        this.partitionFiles = fileIds == null ? null : FilePartitioner.decode(fileIds);
    }

    @Override
    public void open(ExecutionContext ctx) {
        org.edibatch.config.CrashPoints.reach("customs.open");
        files = new ArrayList<>();
        for (InboundFileRepository.ClaimedFile f : inboundFiles.claimed(runId)) {
            files.add(new ClaimedFile(f.id(), f.workPath(), f.name(), f.sender(), f.format(),
                    f.controlRef() == null || "XML".equals(f.format()) ? null
                    : new MessageItem.Envelope(f.sha(), f.envelopeSender(), f.recipient(), f.controlRef(),
                    f.messageCount(), f.answerSyntax(), f.positiveContrl(), f.receivedAt(), f.senderQualifier(),
                    f.recipientQualifier())));
        }
        if (partitionFiles != null) {
            files.removeIf(f -> !partitionFiles.contains(f.id()));
        }
        fileIndex = ctx.getInt(FILE_KEY, 0);
        int skip = ctx.getInt(MESSAGE_KEY, 0);
        if (fileIndex < files.size()) {
            openCurrent();
            if (xmlReader != null) {
                xmlReader.skip(skip);
            } else {
                for (int i = 0; i < skip; i++) {
                    nextMessage();
                }
            }
            messagesRead = skip;
        }
    }

    @Override
    public MessageItem read() {
        while (fileIndex < files.size()) {
            if (reader == null && xmlReader == null) {
                openCurrent();
            }
            ClaimedFile f = files.get(fileIndex);
            if (xmlReader != null) {
                XmlDeclarationItem x = xmlReader.next();
                if (x != null) {
                    messagesRead++;
                    return MessageItem.xml(f.id(), f.name(), f.sender(), x);
                }
                if (xmlReader.refused()) {
                    throw new ItemStreamException("claimed XML file changed after its scan: " + f.path());
                }
            } else {
                EdifactMessage m = unreadable ? null : nextMessage();
                if (m != null) {
                    messagesRead++;
                    return MessageItem.edifact(f.id(), f.name(), f.sender(), m, f.envelope());
                }
            }
            closeCurrent();
            fileIndex++;
            messagesRead = 0;
        }
        return null;
    }

    private EdifactMessage nextMessage() {
        try {
            return reader.next();
        } catch (EdifactFormatException e) {
            if (causedBy(e, IOException.class)) {
                throw new ItemStreamException("cannot read claimed file " + files.get(fileIndex).path(), e);
            }
            // What the claim's pass let through and the validating read cannot read is the file's fault, not the
            // run's: the message being read is refused with the reason, the rest of the file is not read, and
            // the night goes on.
            log.warn("claimed file {} cannot be read past message {}: {}", files.get(fileIndex).path(),
                    reader.messageCount(), e.getMessage());
            unreadable = true;
            return withUnread(reader.unreadable(e), files.get(fileIndex).envelope());
        }
    }

    /**
     * The refused message says how many messages after it, as the claim counted them, are not read: they are
     * refused with it, and the night's counts take them from the claim's count (RunRepository.customsCounts).
     */
    static EdifactMessage withUnread(EdifactMessage refused, MessageItem.Envelope envelope) {
        int after = envelope == null ? 0 : envelope.messageCount() - refused.index() - 1;
        if (after <= 0 || refused.errors().isEmpty()) {
            return refused;
        }
        List<SyntaxError> errors = new ArrayList<>(refused.errors());
        SyntaxError first = errors.get(0);
        errors.set(0, new SyntaxError(first.code(), first.segmentPosition(), first.segmentTag(),
                first.elementPosition(), first.componentPosition(), after + " message(s) after this one in the "
                + "interchange are not read and are refused with it; " + first.text()));
        return new EdifactMessage(refused.index(), refused.reference(), refused.type(), refused.version(),
                refused.release(), refused.agency(), refused.segments(), errors, refused.uncheckedSegments());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void openCurrent() {
        try {
            in = new BufferedInputStream(Files.newInputStream(Path.of(files.get(fileIndex).path())), 1 << 16);
            if (files.get(fileIndex).xml()) {
                xmlReader = XmlDeclarationReader.open(in, XmlLimits.defaults());
            } else {
                reader = InterchangeReader.inbound(in, true);
            }
        } catch (IOException | EdifactFormatException e) {
            throw new ItemStreamException("cannot open claimed file " + files.get(fileIndex).path(), e);
        }
    }

    private void closeCurrent() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (xmlReader != null) {
                xmlReader.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException(e);
        } finally {
            reader = null;
            xmlReader = null;
            in = null;
            unreadable = false;
        }
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(FILE_KEY, fileIndex);
        ctx.putInt(MESSAGE_KEY, messagesRead);
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
