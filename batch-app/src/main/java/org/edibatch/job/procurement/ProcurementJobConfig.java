package org.edibatch.job.procurement;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.job.customs.FinishTasklet;
import org.edibatch.job.customs.SealTasklet;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.refdata.ReferenceDataLoader;
import org.edibatch.report.RunReport;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Files;
import java.time.Clock;

/**
 * The procurement jobs. bidIntakeJob: load tender notices, claim and check bids, answer receipts, archive or
 * quarantine and report. tenderLoadJob: the tender step alone. bidOpeningJob: open due tenders, write the
 * award notices, then seal the ledger. Run ids are job instance ids; job parameters are business keys
 * (intake.at, opening.at, optional tender.id), so a failed run is restarted, not started anew.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcurementProperties.class)
public class ProcurementJobConfig {

    public static final String INTAKE_JOB = "bidIntakeJob";
    public static final String TENDER_JOB = "tenderLoadJob";
    public static final String OPENING_JOB = "bidOpeningJob";

    @Bean
    public Job bidIntakeJob(JobRepository repo, Step procTenderStep, Step bidClaimStep, Step bidAnswerStep,
                            Step bidFinishStep) {
        return new JobBuilder(INTAKE_JOB, repo)
                .start(procTenderStep).next(bidClaimStep).next(bidAnswerStep).next(bidFinishStep).build();
    }

    @Bean
    public Job tenderLoadJob(JobRepository repo, Step procTenderStep, Step bidFinishStep) {
        return new JobBuilder(TENDER_JOB, repo).start(procTenderStep).next(bidFinishStep).build();
    }

    @Bean
    public Job bidOpeningJob(JobRepository repo, Step bidOpenStep, Step awardNoticeStep, Step awardSealStep) {
        return new JobBuilder(OPENING_JOB, repo).start(bidOpenStep).next(awardNoticeStep).next(awardSealStep).build();
    }

    /** The awards' postings sealed like the customs run's (see {@link SealTasklet}). */
    @Bean
    public Step awardSealStep(JobRepository repo, PlatformTransactionManager tm, JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("seal", repo).tasklet(new SealTasklet(jdbc, clock), tm).build();
    }

    @Bean
    public ProcurementJobs procurementJobs(Job bidIntakeJob, Job tenderLoadJob, Job bidOpeningJob) {
        return new ProcurementJobs(bidIntakeJob, tenderLoadJob, bidOpeningJob);
    }

    @Bean
    public Step procTenderStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                               ProcurementProperties procurement, JdbcTemplate jdbc, ReferenceDataLoader loader,
                               Clock clock) {
        return new StepBuilder("tenders", repo)
                .tasklet(new TenderLoadTasklet(props, procurement, jdbc, loader, clock), tm).build();
    }

    @Bean
    public Step bidClaimStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                             ProcurementProperties procurement, JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("bids", repo).tasklet(new BidClaimTasklet(props, procurement, jdbc, clock), tm).build();
    }

    @Bean
    public Step bidAnswerStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                              ProcurementProperties procurement, JdbcTemplate jdbc) {
        return new StepBuilder("receipts", repo).tasklet(new BidAnswerTasklet(props, procurement, jdbc), tm).build();
    }

    /**
     * The customs finish (archive/quarantine by inbound_file state, reports); it leaves the work folder when
     * anything is in it, and our per-kind sub-folders are, so they are cleared afterwards.
     */
    @Bean
    public Step bidFinishStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                              JdbcTemplate jdbc, Clock clock) {
        FinishTasklet finish = new FinishTasklet(props, jdbc, new RunReport(jdbc), clock);
        return new StepBuilder("procurement-finish", repo).tasklet((contribution, chunk) -> {
            long runId = chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
            var work = props.work().resolve("run-" + runId);
            // copies flushed and originals deleted many at once first: the finish would do it file by file
            var unfinished = new java.util.ArrayList<java.nio.file.Path>();
            for (var f : new org.edibatch.intake.InboundFileRepository(jdbc).unfinished(runId)) {
                unfinished.add(java.nio.file.Path.of(f.workPath()));
            }
            org.edibatch.intake.WorkFolder.releaseAll(unfinished);
            var status = finish.execute(contribution, chunk);
            for (var dir : new java.nio.file.Path[]{work.resolve("tenders"), work.resolve("bids"), work}) {
                deleteIfEmpty(dir);
            }
            return status;
        }, tm).build();
    }

    private static void deleteIfEmpty(java.nio.file.Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    @Bean
    public Step bidOpenStep(JobRepository repo, PlatformTransactionManager tm, BidOpeningTasklet bidOpeningTasklet) {
        return new StepBuilder("open", repo).tasklet(bidOpeningTasklet, tm).build();
    }

    @Bean
    @StepScope
    public BidOpeningTasklet bidOpeningTasklet(EdiBatchProperties props, ProcurementProperties procurement,
                                               JdbcTemplate jdbc, JdbcLedger ledger, Clock clock,
                                               @Value("#{jobParameters['tender.id']}") String tenderId) {
        return new BidOpeningTasklet(props, procurement, jdbc, ledger, clock, tenderId);
    }

    @Bean
    public Step awardNoticeStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                                ProcurementProperties procurement, JdbcTemplate jdbc) {
        return new StepBuilder("notices", repo).tasklet(new AwardNoticeTasklet(props, procurement, jdbc), tm).build();
    }
}
