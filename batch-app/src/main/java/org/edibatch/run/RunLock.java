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

    /**
     * Whether a run holds the lock, read without taking it ({@code pg_locks}): a look at the runs never makes a
     * run that starts at that moment exit 4.
     */
    public static boolean held(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = "
                     + "'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = "
                     + "current_database()) AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1)")) {
            // a bigint advisory key shows as its high half in classid and its low half in objid
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
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
