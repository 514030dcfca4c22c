package org.edibatch.job.payments;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.run.FatalErrors;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/**
 * The customs job's payments step (a chunk step matching on one thread in file order, its files parsed ahead on
 * {@code edibatch.threads} threads, each batch's lookups made while the batch before is written) and refunds step
 * (the credit balances that the night's amendments left), after the customs step.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentsStepConfig {

    @Bean
    public Step paymentsStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                             JdbcTemplate jdbc, JdbcLedger ledger) {
        // The reader batches advices itself (up to the chunk size, and by lines): one batch per transaction.
        PaymentRepository payments = new PaymentRepository(jdbc);
        BatchLookups lookups = new BatchLookups(payments);
        BankAdviceReader reader = new BankAdviceReader(payments, lookups, props.chunkSize(), props.threads());
        PaymentWriter writer = new PaymentWriter(jdbc, payments, ledger, lookups);
        return new StepBuilder("payments", repo).<AdviceBatch, AdviceBatch>chunk(1)
                .transactionManager(tm)
                .reader(reader)
                .writer(chunk -> {
                    try {
                        writer.write(chunk);
                    } catch (Exception | Error e) {
                        FatalErrors.haltIfFatal(e);
                        throw e;
                    }
                })
                .listener(reader)
                .listener(writer)
                .build();
    }

    @Bean
    public Step refundStep(JobRepository repo, PlatformTransactionManager tm, JdbcTemplate jdbc, JdbcLedger ledger,
                           Clock clock) {
        return new StepBuilder("refunds", repo).tasklet(new RefundTasklet(jdbc, ledger, clock), tm).build();
    }

}
