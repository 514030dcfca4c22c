package org.edibatch.answer;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a query's rows a batch at a time instead of all at once, so that answering an interchange of millions
 * of messages needs the memory of one message. PostgreSQL streams a result set only inside a transaction
 * with a fetch size: this runs on its own pooled connection (never one bound to a step transaction).
 */
final class StreamingQuery {

    interface Row {
        void accept(ResultSet rs) throws SQLException, java.io.IOException;
    }

    private StreamingQuery() {
    }

    static void forEach(JdbcTemplate jdbc, String sql, Row row, Object... args) {
        jdbc.execute((Connection c) -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                c.rollback(); // read only: nothing to keep
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
    }
}
