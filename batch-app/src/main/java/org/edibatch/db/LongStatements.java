package org.edibatch.db;

import org.edibatch.run.FatalErrors;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Callable;

/**
 * Work whose single statements may legitimately outlast the database timeout ({@code edibatch.database.timeout}),
 * which otherwise ends any statement the server has not answered within it: the closing line's counts, the reports,
 * the migrations. Inside {@link #run}, a connection this thread takes from the pool waits up to
 * {@code edibatch.database.long-statement-timeout} for an answer instead; the pool resets it when it comes back.
 */
public final class LongStatements {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();
    private static volatile int longTimeoutMillis;

    private LongStatements() {
    }

    public static <T> T run(Callable<T> work) throws Exception {
        Boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                ACTIVE.remove();
            }
        }
    }

    /** For a step whose statements may be long (the finish step's reports): its transaction's connection too. */
    public static StepExecutionListener forStep() {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                ACTIVE.set(Boolean.TRUE);
            }

            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                ACTIVE.remove();
                return null;
            }
        };
    }

    /**
     * The application's DataSource: hands out connections with the long timeout inside {@link #run}; when the pool
     * has none to give within the database timeout, the database is lost ({@link FatalErrors#databaseLost}).
     */
    public static DataSource dataSource(DataSource pool, int longTimeoutMillis) {
        LongStatements.longTimeoutMillis = longTimeoutMillis;
        return new Pool(pool);
    }

    /** Closeable like the pool it wraps, so that the context still closes the pool. */
    static final class Pool extends DelegatingDataSource implements AutoCloseable {

        Pool(DataSource pool) {
            super(pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                return raised(super.getConnection());
            } catch (SQLTransientConnectionException e) {
                FatalErrors.databaseLost(e); // none within the timeout: the server is down or unreachable
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            try {
                return raised(super.getConnection(username, password));
            } catch (SQLTransientConnectionException e) {
                FatalErrors.databaseLost(e);
                throw e;
            }
        }

        private static Connection raised(Connection c) throws SQLException {
            if (Boolean.TRUE.equals(ACTIVE.get()) && longTimeoutMillis > 0) {
                try {
                    c.setNetworkTimeout(Runnable::run, longTimeoutMillis);
                } catch (SQLException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            }
            return c;
        }

        @Override
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
