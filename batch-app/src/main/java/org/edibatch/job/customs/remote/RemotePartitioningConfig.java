package org.edibatch.job.customs.remote;

import org.edibatch.config.EdiBatchProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;

import java.util.Set;

/**
 * The broker side of remote mode, present only when {@code edibatch.workers=remote} (the {@code worker} command
 * sets it): in local mode nothing here exists and nothing connects to RabbitMQ. The connection itself opens on
 * first use: when the manager sends its partitions, or a worker starts listening.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteWorkers.MODE, havingValue = "remote")
public class RemotePartitioningConfig {

    /** The name of the partition step the requests name; a worker looks it up as a bean. */
    public static final String WORKER_STEP = "customsWorker";

    @Bean
    public RemoteWorkers remoteWorkers(Environment env) {
        return RemoteWorkers.from(env);
    }

    @Bean(destroyMethod = "destroy")
    public CachingConnectionFactory partitionBroker(RemoteWorkers settings) {
        RemoteWorkers.Broker b = settings.rabbit();
        CachingConnectionFactory cf = new CachingConnectionFactory(b.host(), b.port());
        cf.setUsername(b.username());
        cf.setPassword(b.password());
        cf.setVirtualHost(b.virtualHost());
        cf.setConnectionNameStrategy(f -> "edibatch");
        return cf;
    }

    /**
     * The manager's partition handler: one message per partition to the queue, completion read from the job
     * repository every poll interval, and a timeout that ends the wait when a worker died (see ARCHITECTURE.md).
     * No replies are aggregated, so a restarted manager never waits for replies of an earlier execution.
     */
    @Bean
    public MessageChannelPartitionHandler remotePartitionHandler(RemoteWorkers settings,
                                                                 CachingConnectionFactory partitionBroker,
                                                                 JobRepository repository, BeanFactory beans)
            throws Exception {
        RabbitTemplate rabbit = new RabbitTemplate(partitionBroker);
        rabbit.setMessageConverter(new PartitionRequests());
        AmqpOutboundEndpoint toQueue = new AmqpOutboundEndpoint(rabbit);
        toQueue.setExchangeName("");
        toQueue.setRoutingKey(settings.queue());
        toQueue.setBeanFactory(beans);
        toQueue.afterPropertiesSet();
        DirectChannel requests = new DirectChannel();
        requests.setBeanName("customsPartitionRequests");
        requests.setBeanFactory(beans);
        requests.subscribe(toQueue);
        MessagingTemplate messaging = new MessagingTemplate(requests);

        MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler() {
            @Override
            protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions)
                    throws Exception {
                // the queue outlives runs and broker restarts (durable); declared here so that the first run of a
                // new installation needs no setup on the broker
                declareQueue(partitionBroker, settings.queue());
                return super.doHandle(manager, partitions);
            }
        };
        handler.setStepName(WORKER_STEP);
        handler.setGridSize(settings.partitions());
        handler.setJobRepository(repository);
        handler.setPollInterval(settings.pollInterval().toMillis());
        handler.setTimeout(settings.timeout().toMillis());
        handler.setMessagingOperations(messaging);
        handler.afterPropertiesSet();
        return handler;
    }

    @Bean
    public PartitionWorker partitionWorker(RemoteWorkers settings, CachingConnectionFactory partitionBroker,
                                           JobRepository repository, EdiBatchProperties props, BeanFactory beans) {
        return new PartitionWorker(settings, partitionBroker, repository, props.threads(), beans);
    }

    static void declareQueue(CachingConnectionFactory broker, String queue) {
        RabbitAdmin admin = new RabbitAdmin(broker);
        admin.declareQueue(new Queue(queue, true, false, false));
    }
}
