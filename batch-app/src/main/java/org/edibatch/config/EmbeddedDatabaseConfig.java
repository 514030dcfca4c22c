package org.edibatch.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The default database when no URL is configured: a real PostgreSQL started from the embedded binaries,
 * its data kept under home/pgdata so that reruns and restarts see what earlier runs posted.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(EdiBatchProperties props) throws IOException {
        Path dataDir = props.home().resolve("pgdata").toAbsolutePath();
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start();
        log.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDir);
        return pg;
    }

    /**
     * The application's role on the embedded server, created at first start: the server's superuser owns the schema
     * and migrates it ({@link #migrationDataSource}), the application runs as this role (db/app-role-grants.sql).
     */
    public static final String APP_ROLE = "edibatch_app";

    @Bean(destroyMethod = "close")
    @Primary
    public HikariDataSource dataSource(EmbeddedPostgres pg) throws SQLException {
        createAppRole(pg.getPostgresDatabase());
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.getJdbcUrl(APP_ROLE, "postgres"));
        c.setUsername(APP_ROLE);
        c.setMaximumPoolSize(10);
        c.setPoolName("edibatch-embedded");
        // the driver turns a JDBC batch into multi-row INSERTs: one round trip per batch instead of per row
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(c);
    }

    /** Flyway's: the superuser, owner of the schema. Unpooled: it is used once, at start. */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    public DataSource migrationDataSource(EmbeddedPostgres pg) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), pg.getJdbcUrl("postgres", "postgres"));
    }

    /** Roles belong to the whole server; two processes starting at once may both try to create it. */
    static void createAppRole(DataSource superuser) throws SQLException {
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE " + APP_ROLE + " LOGIN; "
                    + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        }
    }
}
