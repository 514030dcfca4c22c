package org.edibatch.run;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Puts {@link FatalErrors} on every step of every job: a tasklet's Error halts the process where it is thrown,
 * before Spring Batch rolls its transaction back on a connection the Error may have left mid-statement; any
 * other step's Error halts it as soon as the step has recorded it. The customs workers, built per partition,
 * guard their reader and writer themselves.
 */
@Component
public class FatalErrorGuard implements BeanPostProcessor {

    private static final StepExecutionListener AFTER_STEP = new StepExecutionListener() {
        @Override
        public ExitStatus afterStep(StepExecution stepExecution) {
            stepExecution.getFailureExceptions().forEach(FatalErrors::haltIfFatal);
            return null;
        }
    };

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof TaskletStep step && step.getTasklet() != null && !(step.getTasklet() instanceof Guarded)) {
            step.setTasklet(new Guarded(step.getTasklet()));
        }
        if (bean instanceof AbstractStep step) {
            step.registerStepExecutionListener(AFTER_STEP);
        }
        return bean;
    }

    private record Guarded(Tasklet tasklet) implements Tasklet {
        @Override
        public org.springframework.batch.infrastructure.repeat.RepeatStatus execute(
                org.springframework.batch.core.step.StepContribution contribution,
                org.springframework.batch.core.scope.context.ChunkContext chunkContext) throws Exception {
            try {
                return tasklet.execute(contribution, chunkContext);
            } catch (Exception | Error e) {
                FatalErrors.haltIfFatal(e);
                throw e;
            }
        }
    }
}
