package org.edibatch.run;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run at a time, across processes and machines sharing the database: a PostgreSQL session-level
 * advisory lock, held by a dedicated connection for the run's lifetime and released by the server if the
 * process dies.
 */
public final class RunLock implements AutoCloseable {

    private static final long KEY = RunLockKey.KEY;

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /** @return the lock, or null when another run holds it */
    public static RunLock tryAcquire(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new RunLock(c);
                }
            }
        }
        c.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } finally {
            connection.close();
        }
    }
}
