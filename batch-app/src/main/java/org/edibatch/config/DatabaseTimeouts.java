package org.edibatch.config;

import com.zaxxer.hikari.HikariDataSource;
import org.edibatch.db.LongStatements;
import org.edibatch.run.DatabaseLoss;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * How long the application waits on the database before it gives the run up (exit 3; the next run resumes it):
 * a server killed, unreachable or hung is noticed within {@code edibatch.database.timeout} (default 15 s) for
 * connecting, for a connection from the pool, and for the answer to any statement. The few statements that may
 * take longer on a large night ({@link LongStatements}: the closing counts, the reports, the migrations) wait up
 * to {@code edibatch.database.long-statement-timeout} (default 10 min). A URL's own {@code socketTimeout} or
 * {@code connectTimeout} parameter wins over these.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseTimeouts {

    /** @param timeout for connecting and for each statement; @param longStatementTimeout for the long ones */
    public record Settings(Duration timeout, Duration longStatementTimeout) {
        public Settings {
            timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
            longStatementTimeout = longStatementTimeout == null ? Duration.ofMinutes(10) : longStatementTimeout;
            if (timeout.toMillis() < 1000 || longStatementTimeout.compareTo(timeout) < 0) {
                throw new IllegalArgumentException("edibatch.database.timeout must be at least 1s and "
                        + "edibatch.database.long-statement-timeout at least as long");
            }
        }
    }

    @Bean
    public static BeanPostProcessor databaseTimeoutsOnThePool() {
        return new Timeouts();
    }

    /** Migrations may rewrite large tables: their statements are long ones. */
    @Bean
    public FlywayMigrationStrategy migrationsAsLongStatements() {
        return flyway -> {
            try {
                LongStatements.run(flyway::migrate);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static final class Timeouts implements BeanPostProcessor, EnvironmentAware {

        private Settings settings;

        @Override
        public void setEnvironment(Environment environment) {
            settings = Binder.get(environment).bind("edibatch.database", Settings.class)
                    .orElseGet(() -> new Settings(null, null));
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof HikariDataSource pool)) {
                return bean;
            }
            long millis = settings.timeout().toMillis();
            int seconds = (int) Math.max(1, settings.timeout().toSeconds());
            pool.setConnectionTimeout(millis);
            pool.setValidationTimeout(Math.min(5000, millis / 2));
            // the driver: connecting, logging in, and waiting for any answer (socket read timeout)
            pool.addDataSourceProperty("connectTimeout", String.valueOf(seconds));
            pool.addDataSourceProperty("loginTimeout", String.valueOf(seconds));
            pool.addDataSourceProperty("socketTimeout", String.valueOf(seconds));
            pool.addDataSourceProperty("tcpKeepAlive", "true");
            // PostgreSQL's JIT compiles the plans of the large queries (reports, release step, receivables) for
            // seconds each under load and wins nothing back on them; off unless the URL's own options say otherwise
            // (the URL's parameters take precedence over these properties)
            pool.addDataSourceProperty("options", "-c jit=off");
            pool.setExceptionOverrideClassName(DatabaseLoss.class.getName());
            return LongStatements.dataSource(pool, (int) Math.min(Integer.MAX_VALUE, settings.longStatementTimeout().toMillis()));
        }
    }
}
