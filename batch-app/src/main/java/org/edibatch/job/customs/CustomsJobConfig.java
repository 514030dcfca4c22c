package org.edibatch.job.customs;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.DeclarationChecks;
import org.edibatch.customs.SelectivityEngine;
import org.edibatch.customs.TaxCalculator;
import org.edibatch.db.LongStatements;
import org.edibatch.intake.ClaimTasklet;
import org.edibatch.job.customs.remote.RemoteWorkers;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.refdata.ReferenceDataLoader;
import org.edibatch.refdata.ReferenceSnapshot;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * The customs job: claim the inbox, decide every message (one transaction per chunk), apply the officers'
 * decisions, write the answers,
 * seal the ledger, archive or quarantine the files and write the reports. The run id is the job instance id: a failed run
 * is restarted, not started anew, so it resumes where its last commit left it.
 */
@Configuration(proxyBeanMethods = false)
public class CustomsJobConfig {

    public static final String JOB_NAME = "customsJob";
    private static final String RUN_ID = "#{stepExecution.jobExecution.jobInstance.instanceId}";

    @Bean
    public Job customsJob(JobRepository repo, Step claimStep, Step customsStep, Step decisionsStep, Step paymentsStep,
                          Step refundStep, Step releaseStep, Step answerStep, Step sealStep, Step finishStep) {
        return new JobBuilder(JOB_NAME, repo)
                .start(claimStep).next(customsStep)
                // officers' decisions first: a reassessment or a refusal changes what the payments are matched against
                .next(decisionsStep)
                .next(paymentsStep).next(refundStep) // job.payments
                .next(releaseStep)
                .next(answerStep).next(sealStep).next(finishStep)
                .build();
    }

    /** Records the declarations whose channel and payment now allow their release (after payments, before answers). */
    @Bean
    public Step releaseStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                            JdbcTemplate jdbc, Clock clock) {
        // its candidates come sorted: the first row waits for all of them (16 s at a million paid declarations)
        return new StepBuilder("release", repo).tasklet(new ReleaseTasklet(props, jdbc, clock), tm)
                .listener(LongStatements.forStep()).build();
    }

    /** The officers' decisions recorded in the console since the last run: applied, then answered. */
    @Bean
    public Step decisionsStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                              JdbcTemplate jdbc, JdbcLedger ledger, Clock clock) {
        return new StepBuilder("decisions", repo).tasklet(new DecisionTasklet(props, jdbc, ledger, clock), tm).build();
    }

    /** The customs rules over a snapshot of the reference data, as the customs step and the decisions step use them. */
    static CustomsRules rules(EdiBatchProperties props, ReferenceSnapshot reference) {
        var s = props.selectivity();
        return new CustomsRules(
                new DeclarationChecks(reference),
                new TaxCalculator(reference, props.tax().rounding(), props.tax().vatRatePercent()),
                new SelectivityEngine(reference, new SelectivityEngine.Settings(
                        s.yellowThreshold(), s.redThreshold(), s.seed(), s.samplePercent())));
    }

    @Bean
    public Step claimStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                          JdbcTemplate jdbc, ReferenceDataLoader loader, Clock clock) {
        return new StepBuilder("claim", repo).tasklet(new ClaimTasklet(props, jdbc, loader, clock), tm).build();
    }

    /**
     * The customs step: the claimed files split into one partition per worker thread, each partition a chunk
     * step of its own (its own transactions and restart position). On restart only unfinished partitions run.
     */
    @Bean
    public Step customsStep(JobRepository repo, EdiBatchProperties props, FilePartitioner customsPartitioner,
                            Step customsWorker, ProgressListener customsProgress,
                            ObjectProvider<MessageChannelPartitionHandler> remote) {
        MessageChannelPartitionHandler workers = remote.getIfAvailable();
        if (workers != null) {
            // edibatch.workers=remote: the partitions go to worker JVMs over the broker (job.customs.remote)
            return new StepBuilder("customs", repo)
                    .partitioner("customsWorker", customsPartitioner)
                    .partitionHandler(workers)
                    .listener(customsProgress)
                    .build();
        }
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("customs-");
        threads.setConcurrencyLimit(props.threads());
        return new StepBuilder("customs", repo)
                .partitioner("customsWorker", customsPartitioner)
                .step(customsWorker)
                .gridSize(props.threads())
                .taskExecutor(threads)
                .listener(customsProgress)
                .build();
    }

    @Bean
    @StepScope
    public FilePartitioner customsPartitioner(JdbcTemplate jdbc, @Value(RUN_ID) Long runId) {
        return new FilePartitioner(jdbc, runId);
    }

    @Bean
    public ProgressListener customsProgress(JdbcTemplate jdbc) {
        return new ProgressListener(jdbc);
    }

    /**
     * One chunk step per partition, built when the partition runs (see {@link CustomsWorkerStep}): its reader over
     * the partition's files, deciding each message as it is read, and its writer, sharing one snapshot of the
     * reference data.
     */
    @Bean
    public Step customsWorker(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                              JdbcTemplate jdbc, JdbcLedger ledger, FaultDrill faultDrill, Clock clock,
                              AnswerOutbox answerOutbox, ProgressListener customsProgress, Environment env) {
        boolean remote = RemoteWorkers.from(env).remote();
        return new CustomsWorkerStep("customsWorker", repo, tm, props.chunkSize(), partition -> {
            long runId = partition.getJobExecution().getJobInstance().getInstanceId();
            var context = partition.getExecutionContext();
            String fileIds = context.containsKey(FilePartitioner.FILE_IDS) ? context.getString(FilePartitioner.FILE_IDS) : null;
            ReferenceSnapshot reference = ReferenceSnapshot.read(jdbc);
            CustomsRules rules = rules(props, reference);
            // on a worker JVM every answer is left to the manager's answer step (answers stay on the manager)
            EarlyAnswers answers = new EarlyAnswers(new AnswerFiles(props, clock), answerOutbox, clock,
                    remote ? 0 : props.earlyAnswerMaxBytes(), ReferenceSnapshot.paymentTerms(jdbc));
            return new CustomsWorkerStep.Parts(
                    new DecidingReader(new ClaimedMessageReader(jdbc, runId, fileIds), new CustomsProcessor(rules),
                            faultDrill),
                    new CustomsWriter(jdbc, ledger, reference, runId, faultDrill, answers, answerOutbox, rules,
                            tm));
        }, customsProgress.chunks());
    }

    @Bean
    public Step answerStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                           JdbcTemplate jdbc, Clock clock, AnswerOutbox answerOutbox) {
        // a release notice reads its sender's releases sorted, a million on a large night
        return new StepBuilder("answer", repo).tasklet(new AnswerTasklet(props, jdbc, clock, answerOutbox), tm)
                .listener(LongStatements.forStep()).build();
    }

    /** Writes the answers the customs workers complete; shared by the partitions and drained by the answer step. */
    @Bean
    public AnswerOutbox answerOutbox() {
        return new AnswerOutbox();
    }

    /** Before the finish step, so that the run's ledger summary says what the seal's check found. */
    @Bean
    public Step sealStep(JobRepository repo, PlatformTransactionManager tm, JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("seal", repo).tasklet(new SealTasklet(jdbc, clock), tm).build();
    }

    @Bean
    public Step finishStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                           JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("finish", repo)
                .tasklet(new FinishTasklet(props, jdbc, new RunReport(jdbc), clock), tm)
                .listener(LongStatements.forStep()) // the reports read the whole night's rows
                .build();
    }

    @Bean
    public FaultDrill faultDrill(EdiBatchProperties props) {
        return new FaultDrill(props.fault().failAfterChunks());
    }
}
