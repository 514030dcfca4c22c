package org.edibatch.config;

import org.edibatch.db.AppRoleGrants;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.refdata.ReferenceDataLoader;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneId;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdiBatchProperties.class)
public class CoreConfig {

    /** The only source of "now" in the product, so a run can be replayed exactly. */
    @Bean
    public Clock clock(EdiBatchProperties props) {
        ZoneId zone = props.zone();
        if (props.fixedClock() != null) {
            return Clock.fixed(props.fixedClock(), zone);
        }
        return Clock.system(zone);
    }

    /** Arms the crash point of the kill harness, if one is configured; inert otherwise. */
    @Bean
    public org.springframework.beans.factory.InitializingBean crashPointsArming(EdiBatchProperties props) {
        return () -> CrashPoints.arm(props.fault().crashAt());
    }

    @Bean
    public TransactionTemplate transactionTemplate(PlatformTransactionManager tm) {
        return new TransactionTemplate(tm);
    }

    @Bean
    public ReferenceDataLoader referenceDataLoader(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new ReferenceDataLoader(jdbc, tx, clock);
    }

    @Bean
    public JdbcLedger jdbcLedger(JdbcTemplate jdbc) {
        return new JdbcLedger(jdbc);
    }

    /** The application role's rights, granted by Flyway as the schema owner (a repeatable migration). */
    @Bean
    public AppRoleGrants appRoleGrants(DataSource dataSource) {
        return new AppRoleGrants(dataSource);
    }
}
