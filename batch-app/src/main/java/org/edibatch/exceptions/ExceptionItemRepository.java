package org.edibatch.exceptions;

import org.edibatch.db.CopyRows;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exception lines officers review (exception_item), keyed by (file, message index, seq): one at a time,
 * idempotent, for the procurement steps; by COPY, a chunk at a time, for the customs step.
 */
public final class ExceptionItemRepository {

    /** msg_index of a line about the whole file. */
    public static final int WHOLE_FILE = -1;

    private final JdbcTemplate jdbc;

    public ExceptionItemRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One line at seq 0; a rerun adds nothing. */
    public void insertOnce(long runId, long fileId, int msgIndex, ExceptionCategory category, String sender,
                           String fileName, String code, String text) {
        jdbc.update("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, code, text) "
                + "VALUES (?,?,?,0,?,?,?,?,?) ON CONFLICT DO NOTHING", runId, fileId, msgIndex, category.code(), sender,
                fileName, code, text);
    }

    /** A line for {@link #insertAllOnce}: as the arguments of {@link #insertOnce}. */
    public record Line(long runId, long fileId, int msgIndex, ExceptionCategory category, String sender,
                       String fileName, String code, String text) {
    }

    /** As {@link #insertOnce}, many lines in one round trip, in the order given. */
    public void insertAllOnce(java.util.List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>(lines.size());
        for (Line l : lines) {
            rows.add(new Object[]{l.runId(), l.fileId(), l.msgIndex(), l.category().code(), l.sender(), l.fileName(),
                    l.code(), l.text()});
        }
        jdbc.batchUpdate("INSERT INTO exception_item (run_id, file_id, msg_index, seq, category, sender, file_name, "
                + "code, text) VALUES (?,?,?,0,?,?,?,?,?) ON CONFLICT DO NOTHING", rows);
    }

    /** The lines of a chunk, gathered for one COPY. */
    public Copy copy() {
        return new Copy(jdbc);
    }

    /** Lines gathered in memory and written by one COPY at {@link #write()}. */
    public static final class Copy {

        private final JdbcTemplate jdbc;
        private final CopyRows rows = new CopyRows("exception_item", "run_id, file_id, msg_index, seq, category, "
                + "sender, file_name, message_ref, declaration_no, code, text, channel, score, rule_hits");

        private Copy(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** A line about one message. */
        public void add(long runId, long fileId, int msgIndex, int seq, ExceptionCategory category, String sender,
                        String fileName, String messageRef, String declarationNo, String code, String text) {
            start(runId, fileId, msgIndex, seq, category, sender, fileName, messageRef, declarationNo, code, text);
            rows.col((String) null).col((String) null).col((String) null).end();
        }

        /** A line about a declaration selected for review, with the channel, score and rules hit. */
        public void addSelected(long runId, long fileId, int msgIndex, int seq, ExceptionCategory category,
                                String sender, String fileName, String messageRef, String declarationNo, String code,
                                String text, String channel, int score, String hits) {
            start(runId, fileId, msgIndex, seq, category, sender, fileName, messageRef, declarationNo, code, text);
            rows.col(channel).col(score).col(hits).end();
        }

        private void start(long runId, long fileId, int msgIndex, int seq, ExceptionCategory category, String sender,
                           String fileName, String messageRef, String declarationNo, String code, String text) {
            rows.row().col(runId).col(fileId).col(msgIndex).col(seq).col(category.code()).col(sender)
                    .col(fileName).col(messageRef).col(declarationNo).col(code).col(text);
        }

        public void write() {
            rows.copy(jdbc);
        }
    }
}
