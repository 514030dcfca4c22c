package org.edibatch.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
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

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EmbeddedDatabase pg) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(pg.jdbcUrl());
        c.setUsername("postgres");
        c.setMaximumPoolSize(10);
        c.setPoolName("edibatch-embedded");
        // the driver turns a JDBC batch into multi-row INSERTs: one round trip per batch instead of per row
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(c);
    }
}
