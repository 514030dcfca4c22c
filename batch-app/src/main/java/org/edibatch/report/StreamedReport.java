package org.edibatch.report;

import org.edibatch.ack.AtomicFiles;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * Writes a report file inside one transaction, so the {@link ReportRepository} item streams it reads are
 * cursors rather than whole result sets in memory (in a tasklet the transaction joins the step's).
 */
final class StreamedReport {

    interface Body {
        void write(Writer w) throws IOException;
    }

    private final TransactionTemplate transaction;

    StreamedReport(JdbcTemplate jdbc) {
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** Writes {@code target} atomically (UTF-8, buffered) inside one transaction. */
    void write(Path target, Body body) throws IOException {
        try {
            transaction.executeWithoutResult(status -> {
                try {
                    AtomicFiles.write(target, out -> {
                        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                        body.write(w);
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
