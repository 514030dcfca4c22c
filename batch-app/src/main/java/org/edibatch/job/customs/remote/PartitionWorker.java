package org.edibatch.job.customs.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code worker} command's loop: takes partition requests from the queue, one at a time per thread (prefetch
 * 1), and acknowledges each only when its partition has ended, so a request whose worker died goes back to the
 * queue. A request is run only while its partition is still waiting (STARTING) and its run is still running:
 * a redelivered request of a partition a dead worker had begun, or one left from a run that has ended, is
 * dropped, so no partition runs twice at once; the manager's timeout and a rerun deal with it.
 */
public class PartitionWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final RemoteWorkers settings;
    private final CachingConnectionFactory broker;
    private final JobRepository repository;
    private final int threads;
    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
    private final PartitionRequests requests = new PartitionRequests();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile SimpleMessageListenerContainer container;

    PartitionWorker(RemoteWorkers settings, CachingConnectionFactory broker, JobRepository repository, int threads,
                    BeanFactory beans) {
        this.settings = settings;
        this.broker = broker;
        this.repository = repository;
        this.threads = threads;
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beans);
        handler.setStepLocator(steps);
        handler.setJobRepository(repository);
    }

    /** Listens until the process is asked to stop (SIGTERM closes the context, see {@link #destroy}). */
    public void runUntilStopped(PrintWriter out) throws InterruptedException {
        RemotePartitioningConfig.declareQueue(broker, settings.queue());
        SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(broker);
        c.setQueueNames(settings.queue());
        c.setPrefetchCount(1);
        c.setConcurrentConsumers(threads);
        c.setAcknowledgeMode(AcknowledgeMode.AUTO);
        c.setDefaultRequeueRejected(false);
        c.setShutdownTimeout(settings.shutdownWait().toMillis());
        c.setMessageListener(this::onMessage);
        c.afterPropertiesSet();
        container = c;
        c.start();
        out.println("worker: taking customs partitions from queue " + settings.queue() + " on " + settings.rabbit()
                + " with " + threads + " thread(s); stop with SIGTERM");
        out.flush();
        stopped.await();
    }

    private void onMessage(Message message) {
        StepExecutionRequest request;
        try {
            request = requests.fromMessage(message);
        } catch (RuntimeException e) {
            log.warn("dropped a message that is not a partition request: {}", e.getMessage());
            return;
        }
        String refusal = refusal(request);
        if (refusal != null) {
            log.warn("partition request {} dropped: {}", request, refusal);
            return;
        }
        log.info("running {}", request);
        StepExecution done = handler.handle(request);
        log.info("{} ended {}", request, done.getStatus());
    }

    /** Why the request must not run now, or null: only a partition no one has begun, of a run still running. */
    private String refusal(StepExecutionRequest request) {
        StepExecution partition = repository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            return "no such step execution (a request of another database?)";
        }
        if (!RemotePartitioningConfig.WORKER_STEP.equals(request.getStepName())) {
            return "not a customs partition";
        }
        if (partition.getStatus() != BatchStatus.STARTING) {
            return "partition is " + partition.getStatus() + ", not waiting (begun by another worker, or ended)";
        }
        BatchStatus run = partition.getJobExecution().getStatus();
        if (!run.isRunning()) {
            return "its run is " + run + " (the manager gave up; a rerun sends the partition again)";
        }
        return null;
    }

    @Override
    public void destroy() {
        SimpleMessageListenerContainer c = container;
        if (c != null) {
            // stops taking requests and waits up to shutdown-wait for the running partitions to end
            c.stop();
            c.destroy();
        }
        stopped.countDown();
    }
}
