package org.edibatch.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EmbeddedPostgres pg) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        c.setUsername("postgres");
        c.setMaximumPoolSize(10);
        c.setPoolName("edibatch-embedded");
        // the driver turns a JDBC batch into multi-row INSERTs: one round trip per batch instead of per row
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(c);
    }
}
