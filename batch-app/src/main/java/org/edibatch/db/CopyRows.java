package org.edibatch.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

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
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                text.append("\\N");
            } else if (v instanceof Integer n) {
                text.append(n.intValue());
            } else if (v instanceof Long n) {
                text.append(n.longValue());
            } else if (v instanceof String t) {
                escape(t);
            } else if (v instanceof BigDecimal d) {
                text.append(d.toPlainString());
            } else if (v instanceof Number || v instanceof Boolean) {
                text.append(v);
            } else {
                escape(v.toString());
            }
        }
        text.append('\n');
        rows++;
        return this;
    }

    public int size() {
        return rows;
    }

    /** Sends the rows (nothing when there are none) and forgets them. */
    public long copy(JdbcTemplate jdbc) {
        if (rows == 0) {
            return 0;
        }
        Long copied = jdbc.execute((java.sql.Connection c) -> {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            return in.endCopy();
        });
        text.setLength(0);
        rows = 0;
        return copied == null ? 0 : copied;
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
                default -> text.append(ch);
            }
        }
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }
}
