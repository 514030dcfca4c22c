package org.edibatch.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The default database when no URL is configured: a real PostgreSQL started from the embedded binaries,
 * its data kept under home/pgdata so that reruns and restarts see what earlier runs posted.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {

    /** Started here, or the server another process of the same home runs (see {@link EmbeddedDatabase}). */
    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase(EdiBatchProperties props) throws IOException {
        return EmbeddedDatabase.open(props.home().resolve("pgdata"), Duration.ofSeconds(60));
    }

    /**
     * The application's role on the embedded server, created at first start: the server's superuser owns the schema
     * and migrates it ({@link #migrationDataSource}), the application runs as this role (db/app-role-grants.sql).
     */
    public static final String APP_ROLE = "edibatch_app";

    @Bean(destroyMethod = "close")
    @Primary
    public HikariDataSource dataSource(EmbeddedDatabase pg) throws SQLException {
        createAppRole(migrationDataSource(pg));
        // configured, not started: the pool starts at its first connection, after DatabaseTimeouts has set its
        // timeouts (a started pool's configuration is sealed)
        HikariDataSource c = new HikariDataSource();
        c.setJdbcUrl(pg.jdbcUrl(APP_ROLE));
        c.setUsername(APP_ROLE);
        c.setMaximumPoolSize(10);
        c.setPoolName("edibatch-embedded");
        // the driver turns a JDBC batch into multi-row INSERTs: one round trip per batch instead of per row
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        return c;
    }

    /** Flyway's: the superuser, owner of the schema. Unpooled: it is used once, at start. */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    public DataSource migrationDataSource(EmbeddedDatabase pg) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), pg.jdbcUrl("postgres"));
    }

    /** Roles belong to the whole server; two processes starting at once may both try to create it. */
    static void createAppRole(DataSource superuser) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE " + APP_ROLE + " LOGIN; "
                    + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        }
    }
}
