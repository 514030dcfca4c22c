package org.edibatch.job.customs;

import org.edibatch.edifact.EdifactFormatException;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
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

    private static final String FILE_KEY = "claimed.file";
    private static final String MESSAGE_KEY = "claimed.message";

    private record ClaimedFile(long id, String path, String name, String sender, String format,
                               MessageItem.Envelope envelope) {
        boolean xml() {
            return "XML".equals(format);
        }
    }

    private final JdbcTemplate jdbc;
    private final long runId;
    private final java.util.Set<Long> partitionFiles;

    private List<ClaimedFile> files;
    private int fileIndex;
    private int messagesRead;
    private InputStream in;
    private InterchangeReader reader;
    private XmlDeclarationReader xmlReader;

    /** @param fileIds the files of this reader's partition (as {@link FilePartitioner} wrote them); null for all of the run's */
    public ClaimedMessageReader(JdbcTemplate jdbc, long runId, String fileIds) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.partitionFiles = fileIds == null ? null : FilePartitioner.decode(fileIds);
    }

    @Override
    public void open(ExecutionContext ctx) {
        org.edibatch.config.CrashPoints.reach("customs.open");
        files = jdbc.query("SELECT f.id, f.work_path, f.original_name, f.sender, f.format, f.sha256, i.sender, "
                        + "i.recipient, i.control_ref, i.message_count FROM inbound_file f "
                        + "LEFT JOIN interchange i ON i.file_id = f.id WHERE f.run_id = ? AND f.state = 'CLAIMED' ORDER BY f.id",
                (rs, n) -> new ClaimedFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(9) == null || "XML".equals(rs.getString(5)) ? null
                        : new MessageItem.Envelope(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getInt(10))), runId);
        if (partitionFiles != null) {
            files = new ArrayList<>(files);
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
                EdifactMessage m = nextMessage();
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
            // The envelope pass read this file completely; failing now means it changed under us: a fault.
            throw new ItemStreamException("claimed file changed after its envelope check: " + files.get(fileIndex).path(), e);
        }
    }

    private void openCurrent() {
        try {
            in = new BufferedInputStream(Files.newInputStream(Path.of(files.get(fileIndex).path())), 1 << 16);
            if (files.get(fileIndex).xml()) {
                xmlReader = XmlDeclarationReader.open(in, XmlLimits.defaults());
            } else {
                reader = InterchangeReader.open(in, true);
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
