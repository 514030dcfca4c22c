package org.edibatch.job.customs;

import org.edibatch.run.FatalErrors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.LocalDateTime;

/**
 * The customs step's worker: when a partition runs, a chunk step is built for it from plain objects made for
 * that partition (its reader and writer, see {@link Parts}), and run with the partition's step
 * execution. It behaves as a chunk step bean would (same name, transactions, restart position), without the
 * step scope: a step-scoped bean is a proxy that looks its target up in the scope on every call, and on the
 * item path (a read and a process per message, several reference-data lookups per declaration) those lookups
 * cost more than some of the work they led to.
 */
final class CustomsWorkerStep implements Step {

    /** What one partition reads its messages with, already decided (see {@link DecidingReader}), and writes them with. */
    record Parts(ItemStreamReader<ProcessedMessage> reader, ItemWriter<ProcessedMessage> writer) {
    }

    /** Makes the parts of the partition about to run, from its step execution (run id, context). */
    @FunctionalInterface
    interface PartsFactory {
        Parts create(StepExecution partition);
    }

    private final String name;
    private final JobRepository repository;
    private final PlatformTransactionManager transactionManager;
    private final int chunkSize;
    private final PartsFactory parts;
    private final ChunkListener<ProcessedMessage, ProcessedMessage> listener;

    CustomsWorkerStep(String name, JobRepository repository, PlatformTransactionManager transactionManager,
                      int chunkSize, PartsFactory parts, ChunkListener<ProcessedMessage, ProcessedMessage> listener) {
        this.name = name;
        this.repository = repository;
        this.transactionManager = transactionManager;
        this.chunkSize = chunkSize;
        this.parts = parts;
        this.listener = listener;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void execute(StepExecution partition) throws JobInterruptedException {
        Step chunks;
        try {
            Parts p = parts.create(partition);
            chunks = new StepBuilder(name, repository).<ProcessedMessage, ProcessedMessage>chunk(chunkSize)
                    .transactionManager(transactionManager)
                    .reader(new GuardedReader(p.reader()))
                    .writer(chunk -> {
                        try {
                            p.writer().write(chunk);
                        } catch (Exception | Error e) {
                            FatalErrors.haltIfFatal(e);
                            throw e;
                        }
                    })
                    .listener(listener)
                    .build();
        } catch (RuntimeException e) {
            // The chunk step never ran, so nothing would record the partition's end: record it here, else the
            // partition stays STARTING and Spring Batch refuses to restart the run.
            partition.setStatus(BatchStatus.FAILED);
            partition.setExitStatus(ExitStatus.FAILED.addExitDescription(e));
            partition.addFailureException(e);
            partition.setEndTime(LocalDateTime.now());
            repository.update(partition);
            throw e;
        }
        chunks.execute(partition);
    }

    /**
     * Halts the process on an Error where it is thrown ({@link FatalErrors}), before the chunk's rollback: after an
     * OutOfMemoryError the rollback could wait forever on a connection left in the middle of a COPY.
     */
    private record GuardedReader(ItemStreamReader<ProcessedMessage> reader) implements ItemStreamReader<ProcessedMessage> {
        @Override
        public ProcessedMessage read() throws Exception {
            try {
                return reader.read();
            } catch (Exception | Error e) {
                FatalErrors.haltIfFatal(e);
                throw e;
            }
        }

        @Override
        public void open(ExecutionContext context) {
            reader.open(context);
        }

        @Override
        public void update(ExecutionContext context) {
            reader.update(context);
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
