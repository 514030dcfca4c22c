package org.edibatch.support;

import org.edibatch.EdiBatchApplication;
import org.edibatch.job.customs.CustomsJobConfig;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real application, started on a fresh database and its own home folder. Tests that compare two runs
 * (interrupted against uninterrupted) start two of these. It runs as the application's role, Flyway as the
 * owner (see {@link TestDatabase}): {@link #jdbc()} is the application's own access, {@link #ownerJdbc()} the
 * owner's, for what a test must do around the application (or an insider with every right could).
 */
public final class TestApp implements AutoCloseable {

    /** A fixed instant: 2026-11-28 10:00 in Seoul, a Saturday in the week the sample rates cover. */
    public static final String FIXED_CLOCK = "2026-11-28T01:00:00Z";

    private final ConfigurableApplicationContext context;
    private final Path home;
    private final String ownerUrl;
    private SingleConnectionDataSource owner;

    private TestApp(ConfigurableApplicationContext context, Path home, String ownerUrl) {
        this.context = context;
        this.home = home;
        this.ownerUrl = ownerUrl;
    }

    public static TestApp start(Path home, String... extraProperties) {
        String url = TestDatabase.freshDatabaseUrl();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--edibatch.home=" + home,
                "--edibatch.fixed-clock=" + FIXED_CLOCK));
        if (java.util.Arrays.stream(extraProperties).noneMatch(p -> p.startsWith("edibatch.chunk-size"))) {
            args.add("--edibatch.chunk-size=4");
        }
        // Unsigned samples unless the test sets up a PKI and asks for signatures.
        if (java.util.Arrays.stream(extraProperties).noneMatch(p -> p.startsWith("edibatch.signature.required"))) {
            args.add("--edibatch.signature.required=false");
        }
        // Files are written just before each run: waiting for them to settle would only slow the tests down.
        if (java.util.Arrays.stream(extraProperties).noneMatch(p -> p.startsWith("edibatch.intake.settle"))) {
            args.add("--edibatch.intake.settle=0s");
        }
        for (String p : extraProperties) {
            args.add("--" + p);
        }
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(EdiBatchApplication.class)
                .run(TestDatabase.asApplication(args).toArray(new String[0]));
        return new TestApp(ctx, home, url);
    }

    public Path home() {
        return home;
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    /** The application's JdbcTemplate: its role, its transactions. */
    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** The database's URL as the owner (the test server's superuser). */
    public String ownerUrl() {
        return ownerUrl;
    }

    /** The same database as the owner (the test server's superuser), on one connection kept until {@link #close}. */
    public synchronized JdbcTemplate ownerJdbc() {
        if (owner == null) {
            owner = new SingleConnectionDataSource(ownerUrl, true);
        }
        return new JdbcTemplate(owner);
    }

    public org.springframework.context.ApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JobOperatorTestUtils jobs() {
        JobOperatorTestUtils utils = new JobOperatorTestUtils(context.getBean(JobOperator.class),
                context.getBean(JobRepository.class));
        utils.setJob(context.getBean(CustomsJobConfig.JOB_NAME, Job.class));
        return utils;
    }

    public JobExecution runCustoms(String key) throws Exception {
        return jobs().startJob(new JobParametersBuilder().addString("run.key", key).toJobParameters());
    }

    public JobExecution restart(JobExecution failed) throws Exception {
        return context.getBean(JobOperator.class).restart(failed);
    }

    @Override
    public synchronized void close() {
        if (owner != null) {
            owner.destroy();
        }
        context.close();
    }
}
