package org.edibatch.cli;

import org.edibatch.EdiBatchApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/**
 * The application context of the commands that need the database, started only when one of them runs: the
 * commands that need neither (pki init, sign, help) and usage errors never start the database or Spring Batch.
 */
public final class SpringContext implements AutoCloseable {

    private final List<String> properties;
    private ApplicationContext context;
    private ConfigurableApplicationContext started;

    private SpringContext(List<String> properties, ApplicationContext context) {
        this.properties = properties;
        this.context = context;
    }

    /** A context started on first use with these {@code --name=value} Spring properties, closed by {@link #close()}. */
    static SpringContext startingWith(List<String> properties) {
        return new SpringContext(List.copyOf(properties), null);
    }

    /** A context that is already running (tests, embedding); its owner closes it. */
    static SpringContext of(ApplicationContext running) {
        return new SpringContext(List.of(), running);
    }

    public <T> T bean(Class<T> type) {
        if (context == null) {
            SpringApplication application = new SpringApplication(EdiBatchApplication.class);
            application.addListeners(quietWhenTheCommandLineTellsIt());
            started = application.run(properties.toArray(new String[0]));
            context = started;
        }
        return context.getBean(type);
    }

    /**
     * A failure the command line reports in one line ({@link CommandFailure}: a bad property value) is not also
     * printed by Spring Boot's failure analysis, a block of twenty lines on the console.
     */
    private static ApplicationListener<SpringApplicationEvent> quietWhenTheCommandLineTellsIt() {
        return event -> {
            if (event instanceof ApplicationFailedEvent failed && CommandFailure.of(failed.getException()).isPresent()) {
                LoggingSystem.get(SpringContext.class.getClassLoader()).setLogLevel(
                        "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", LogLevel.OFF);
            }
        };
    }

    boolean running() {
        return context != null;
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
