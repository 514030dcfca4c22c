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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real application, started on a fresh database and its own home folder. Tests that compare two runs
 * (interrupted against uninterrupted) start two of these.
 */
public final class TestApp implements AutoCloseable {

    /** A fixed instant: 2026-11-28 10:00 in Seoul, a Saturday in the week the sample rates cover. */
    public static final String FIXED_CLOCK = "2026-11-28T01:00:00Z";

    private final ConfigurableApplicationContext context;
    private final Path home;

    private TestApp(ConfigurableApplicationContext context, Path home) {
        this.context = context;
        this.home = home;
    }

    public static TestApp start(Path home, String... extraProperties) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + TestDatabase.freshDatabaseUrl(),
                "--edibatch.home=" + home,
                "--edibatch.fixed-clock=" + FIXED_CLOCK,
                "--edibatch.chunk-size=4"));
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
                .run(args.toArray(new String[0]));
        return new TestApp(ctx, home);
    }

    public Path home() {
        return home;
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
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
    public void close() {
        context.close();
    }
}
