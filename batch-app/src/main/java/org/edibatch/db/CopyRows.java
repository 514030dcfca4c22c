package org.edibatch.db;

import org.edibatch.config.CrashPoints;
import org.edibatch.run.FatalErrors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Rows for one {@code COPY ... FROM STDIN} in PostgreSQL's text format, sent on the connection of the
 * caller's transaction. COPY costs the server a fraction of what the same rows cost as INSERT statements
 * (no statement to parse, plan or bind per row group), and the rows still pass every constraint and
 * trigger, so it is how the hot path writes rows that need no value back.
 */
public final class CopyRows {

    private final String table;
    private final String columns;
    private final int width;
    private final StringBuilder text = new StringBuilder(16 * 1024);
    private int rows;
    /** Where the row being added starts in {@code text}, and how many values it has (-1: no row open). */
    private int rowStart;
    private int columnsInRow = -1;

    /** @param columns the column list, comma-separated, in the order {@link #add} takes the values */
    public CopyRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
        this.width = columns.split(",").length;
    }

    /** Appends a row: null is SQL NULL; numbers, dates and strings in their SQL text form. */
    public CopyRows add(Object... values) {
        if (values.length != width) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + width + " columns");
        }
        row();
        for (Object v : values) {
            col(v);
        }
        return end();
    }

    /**
     * Starts a row whose values follow one {@code col} call each, in column order, then {@link #end()}: the typed
     * calls append numbers without boxing them and without an array per row, for the rows written per message.
     */
    public CopyRows row() {
        if (columnsInRow >= 0) {
            throw new IllegalStateException(table + ": row started before the last one ended");
        }
        columnsInRow = 0;
        return this;
    }

    public CopyRows col(long v) {
        separate().append(v);
        return this;
    }

    public CopyRows col(int v) {
        separate().append(v);
        return this;
    }

    /** null is SQL NULL. */
    public CopyRows col(String v) {
        if (v == null) {
            separate().append("\\N");
        } else {
            separate();
            escape(v);
        }
        return this;
    }

    /** null is SQL NULL. */
    public CopyRows col(BigDecimal v) {
        separate().append(v == null ? "\\N" : v.toPlainString());
        return this;
    }

    /** null is SQL NULL; numbers, dates and strings in their SQL text form. */
    public CopyRows col(Object v) {
        if (v == null) {
            separate().append("\\N");
        } else if (v instanceof Integer n) {
            col(n.intValue());
        } else if (v instanceof Long n) {
            col(n.longValue());
        } else if (v instanceof String t) {
            col(t);
        } else if (v instanceof BigDecimal d) {
            col(d);
        } else if (v instanceof Number || v instanceof Boolean) {
            separate().append(v);
        } else {
            separate();
            escape(v.toString());
        }
        return this;
    }

    /** Ends the row started by {@link #row()}; refused unless it got exactly one value per column. */
    public CopyRows end() {
        if (columnsInRow != width) {
            int given = columnsInRow;
            text.setLength(rowStart);
            columnsInRow = -1;
            throw new IllegalArgumentException(table + ": " + Math.max(given, 0) + " values for " + width + " columns");
        }
        text.append('\n');
        rows++;
        rowStart = text.length();
        columnsInRow = -1;
        return this;
    }

    private StringBuilder separate() {
        if (columnsInRow < 0) {
            throw new IllegalStateException(table + ": value outside a row");
        }
        if (columnsInRow++ > 0) {
            text.append('\t');
        }
        return text;
    }

    public int size() {
        return rows;
    }

    /** Sends the rows (nothing when there are none) and forgets them. */
    public long copy(JdbcTemplate jdbc) {
        if (rows == 0) {
            return 0;
        }
        Long copied = jdbc.execute(this::send);
        clear();
        return copied == null ? 0 : copied;
    }

    /**
     * Sends the rows unless a unique key refuses one of them; then none of them is written, the caller's
     * transaction goes on as if they had not been sent, and the caller takes its slower path that skips the keys
     * already taken ({@code INSERT ... ON CONFLICT}). For rows whose keys are nearly always new (number claims,
     * journal entries): the server takes them by COPY in about half the time of
     * {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING} (docs/PERFORMANCE.md).
     * Within a transaction the rows are sent under a savepoint, rolled back to on a refusal; in auto-commit mode
     * the refused COPY is itself the whole statement. The rows are forgotten either way.
     *
     * @return true when every row was written, false when a unique key refused them (and nothing was written)
     */
    public boolean copyUnlessTaken(JdbcTemplate jdbc) {
        if (rows == 0) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(jdbc.execute((Connection c) -> {
                Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
                try {
                    send(c);
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    if (before != null) {
                        c.rollback(before);
                    }
                    return false;
                }
                if (before != null) {
                    c.releaseSavepoint(before);
                }
                return true;
            }));
        } finally {
            clear();
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The COPY API talks to the driver's own connection, past the pool, so the pool's report of a broken connection
     * (DatabaseLoss) never sees its failures: a broken connection or a server shutting down is reported here.
     */
    private static SQLException lostIfBroken(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            FatalErrors.databaseLost(e);
        }
        return e;
    }

    private long send(Connection c) throws SQLException {
        CopyIn in;
        try {
            in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        } catch (SQLException e) {
            throw lostIfBroken(e);
        }
        try {
            CrashPoints.reach("copy.open");
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            return in.endCopy();
        } catch (SQLException | RuntimeException | Error e) {
            // An Error ends the process (FatalErrors) rather than wait here; embedded, it still ends the COPY:
            // the driver holds the connection for an open COPY, and the rollback that follows would wait forever.
            FatalErrors.haltIfFatal(e);
            if (e instanceof SQLException sql) {
                lostIfBroken(sql);
            }
            if (in.isActive()) { // refused or failed while the rows were still being sent: end the COPY, keep the reason
                try {
                    in.cancelCopy();
                } catch (SQLException | RuntimeException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    private void clear() {
        text.setLength(0);
        rows = 0;
        rowStart = 0;
        columnsInRow = -1;
    }

    /** Text format escapes: the backslash, the column and row separators. */
    private void escape(String s) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first))) {
            first++;
        }
        text.append(s, 0, first); // most values have nothing to escape: one copy instead of a char at a time
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                // PostgreSQL text cannot hold NUL: shown, never sent (the original stays in the archived file)
                case '\0' -> text.append("\\\\x00");
                default -> text.append(ch);
            }
        }
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\0';
    }
}
