package org.edibatch.job.customs.remote;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import java.nio.charset.StandardCharsets;

/**
 * A partition request on the wire as two lines of text ({@code stepName}, {@code stepExecutionId}), not Java
 * serialization: a worker never deserializes classes named by whoever can publish to the queue, and an operator
 * can read a waiting request in the broker's console.
 */
final class PartitionRequests implements MessageConverter {

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!(object instanceof StepExecutionRequest r)) {
            throw new MessageConversionException("not a partition request: " + object);
        }
        properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
        return new Message((r.getStepName() + "\n" + r.getStepExecutionId()).getBytes(StandardCharsets.UTF_8),
                properties);
    }

    @Override
    public StepExecutionRequest fromMessage(Message message) {
        String[] lines = new String(message.getBody(), StandardCharsets.UTF_8).split("\n");
        try {
            if (lines.length != 2 || lines[0].isBlank()) {
                throw new NumberFormatException();
            }
            return new StepExecutionRequest(lines[0], Long.parseLong(lines[1].trim()));
        } catch (NumberFormatException e) {
            throw new MessageConversionException("not a partition request (step name, step execution id): "
                    + new String(message.getBody(), StandardCharsets.UTF_8));
        }
    }
}
