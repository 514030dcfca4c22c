package org.edibatch.db;

import org.edibatch.EdiBatchApplication;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.ledger.JournalEntry;
import org.edibatch.ledger.JournalLine;
import org.edibatch.support.SlowTest;
import org.edibatch.support.TestApp;
import org.edibatch.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two roles as README configures them, one role for everything, and a change from one to the other. */
@SlowTest
@ExtendWith(OutputCaptureExtension.class)
class AppRoleGrantsTest {

    private static final String OWNER = "edibatch_owner";

    private static ConfigurableApplicationContext start(Path home, String... properties) {
        List<String> args = new ArrayList<>(List.of("--edibatch.home=" + home,
                "--edibatch.fixed-clock=" + TestApp.FIXED_CLOCK, "--edibatch.signature.required=false"));
        for (String p : properties) {
            args.add("--" + p);
        }
        return new SpringApplicationBuilder(EdiBatchApplication.class).run(args.toArray(new String[0]));
    }

    private static boolean posts(ConfigurableApplicationContext app, String key) {
        JournalEntry e = new JournalEntry(key, "CUSTOMS", LocalDate.of(2026, 11, 28), "x", key,
                List.of(JournalLine.debit("1100", null, new BigDecimal("11")),
                        JournalLine.credit("4200", null, new BigDecimal("11"))));
        return Boolean.TRUE.equals(app.getBean(TransactionTemplate.class)
                .execute(s -> app.getBean(JdbcLedger.class).post(e, 1)));
    }

    @Test
    void anOwnerThatIsNoSuperuserMigratesAndTheApplicationRunsAsItsRole(@TempDir Path home, CapturedOutput log) {
        String superuser = TestDatabase.freshDatabaseUrl();
        JdbcTemplate admin = new JdbcTemplate(new SingleConnectionDataSource(superuser, true));
        admin.execute("DO $$ BEGIN CREATE ROLE " + OWNER + " LOGIN PASSWORD 'owner-secret'; "
                + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        String database = superuser.substring(superuser.lastIndexOf('/') + 1, superuser.indexOf('?'));
        admin.execute("ALTER DATABASE " + database + " OWNER TO " + OWNER);
        String url = superuser.substring(0, superuser.indexOf('?'));
        try (ConfigurableApplicationContext app = start(home, "spring.datasource.url=" + url,
                "spring.datasource.username=" + TestDatabase.APP_ROLE, "spring.datasource.password=edibatch_app",
                "spring.flyway.user=" + OWNER, "spring.flyway.password=owner-secret")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(TestDatabase.APP_ROLE);
            assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'journal_line'",
                    String.class)).isEqualTo(OWNER);
            // the ledger's triggers write the totals as this owner, not as a superuser
            assertThat(posts(app, "K-OWNER")).isTrue();
            assertThat(jdbc.queryForObject("SELECT SUM(entries) FROM ledger_run_entries WHERE run_id = 1", Long.class))
                    .isEqualTo(1);
            assertThatThrownBy(() -> jdbc.update("DELETE FROM journal_entry")).hasStackTraceContaining("permission denied");
        }
        assertThat(log).contains("role " + TestDatabase.APP_ROLE + " granted the application's rights")
                .doesNotContain("cannot refuse");
    }

    @Test
    void oneRoleForEverythingWorksAndWarnsThenTwoRolesAreGrantedTheirRights(@TempDir Path home, CapturedOutput log) {
        String superuser = TestDatabase.freshDatabaseUrl();
        try (ConfigurableApplicationContext app = start(home, "spring.datasource.url=" + superuser)) {
            assertThat(posts(app, "K-ONE-ROLE")).isTrue();
        }
        assertThat(log).contains("a superuser: the database cannot refuse");

        // the same database, now with the application's own role: the grants follow the role
        List<String> twoRoles = TestDatabase.asApplication(List.of("--spring.datasource.url=" + superuser));
        try (ConfigurableApplicationContext app = start(home, twoRoles.stream().map(a -> a.substring(2))
                .toArray(String[]::new))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(TestDatabase.APP_ROLE);
            assertThat(posts(app, "K-TWO-ROLES")).isTrue();
            assertThatThrownBy(() -> jdbc.update("UPDATE declaration SET vat_krw = 0"))
                    .hasStackTraceContaining("permission denied");
        }
        assertThat(log).contains("role " + TestDatabase.APP_ROLE + " granted the application's rights");
    }
}
