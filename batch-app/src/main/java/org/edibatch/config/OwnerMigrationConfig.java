package org.edibatch.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;

/**
 * Flyway's connection as the schema's owner ({@code spring.flyway.user}) on a configured server. Spring Boot would
 * derive it from the application's DataSource, which {@link DatabaseTimeouts} wraps and Boot cannot copy; it is
 * built here from the same URL instead. Unpooled: it is used once, at start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty() && !'${spring.flyway.user:}'.isEmpty()")
public class OwnerMigrationConfig {

    @Bean(defaultCandidate = false)
    @FlywayDataSource
    public DataSource ownerMigrationDataSource(Environment env) {
        String url = env.getProperty("spring.flyway.url", env.getRequiredProperty("spring.datasource.url"));
        return new SimpleDriverDataSource(new org.postgresql.Driver(), url,
                env.getProperty("spring.flyway.user"), env.getProperty("spring.flyway.password"));
    }
}
