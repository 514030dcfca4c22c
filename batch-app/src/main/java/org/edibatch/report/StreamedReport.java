package org.edibatch.report;

import org.edibatch.ack.AtomicFiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a report file whose rows are read with a cursor: a run can have millions of exception items, and the
 * PostgreSQL driver streams a result set only with a fetch size and inside a transaction (in a tasklet the
 * transaction joins the step's).
 */
final class StreamedReport {

    /** Rows per round trip. */
    private static final int FETCH_SIZE = 500;

    interface Body {
        void write(Writer w, StreamedReport report) throws IOException;
    }

    private final JdbcTemplate streaming;
    private final TransactionTemplate transaction;

    StreamedReport(JdbcTemplate jdbc) {
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** Hands each row to {@code row}; an IOException thrown inside it comes out of {@link #write} as itself. */
    void forEach(String sql, IoRow row, Object... args) {
        streaming.query(sql, (RowCallbackHandler) rs -> {
            try {
                row.accept(rs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, args);
    }

    interface IoRow {
        void accept(java.sql.ResultSet rs) throws java.sql.SQLException, IOException;
    }

    /** Writes {@code target} atomically (UTF-8, buffered) inside one transaction. */
    void write(Path target, Body body) throws IOException {
        try {
            transaction.executeWithoutResult(status -> {
                try {
                    AtomicFiles.write(target, out -> {
                        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                        body.write(w, this);
                        w.flush();
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
