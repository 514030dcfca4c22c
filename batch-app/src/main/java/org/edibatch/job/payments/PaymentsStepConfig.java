package org.edibatch.job.payments;

import org.edibatch.config.EdiBatchProperties;
import org.edibatch.edifact.EdifactMessage;
import org.edibatch.ledger.JdbcLedger;
import org.edibatch.payment.Advice;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.run.FatalErrors;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * The customs job's payments step (a chunk step on one thread: matching order is file order) and refunds step
 * (the credit balances that the night's amendments left), after the customs step.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentsStepConfig {

    @Bean
    public Step paymentsStep(JobRepository repo, PlatformTransactionManager tm, EdiBatchProperties props,
                             JdbcTemplate jdbc, JdbcLedger ledger, ObjectProvider<AdviceMapping> mapping) {
        BankAdviceReader reader = new BankAdviceReader(new PaymentRepository(jdbc),
                mapping.getIfAvailable(PaymentsStepConfig::unreadable));
        PaymentWriter writer = new PaymentWriter(jdbc, ledger);
        return new StepBuilder("payments", repo).<AdviceItem, AdviceItem>chunk(props.chunkSize())
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

    /** Without a reader of the banks' formats every advice is refused (0085 code 18), never silently dropped. */
    private static AdviceMapping unreadable() {
        return new AdviceMapping() {
            @Override
            public Advice cremul(EdifactMessage message) {
                throw new UnsupportedOperationException("no CREMUL reader");
            }

            @Override
            public List<Advice> camt054(InputStream document) {
                throw new UnsupportedOperationException("no camt.054 reader");
            }
        };
    }
}
