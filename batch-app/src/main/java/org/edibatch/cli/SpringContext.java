package org.edibatch.cli;

import org.edibatch.EdiBatchApplication;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.edibatch.config.EdiBatchProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
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
    private final boolean debug;
    private boolean web;
    private ApplicationContext context;
    private ConfigurableApplicationContext started;

    private SpringContext(List<String> properties, ApplicationContext context, boolean debug) {
        this.properties = properties;
        this.context = context;
        this.debug = debug;
    }

    /**
     * A context started on first use with these {@code --name=value} Spring properties, closed by {@link #close()}.
     *
     * @param debug whether the command line was given {@code --debug}: Spring Boot then reports its own failures too
     */
    static SpringContext startingWith(List<String> properties, boolean debug) {
        return new SpringContext(List.copyOf(properties), null, debug);
    }

    /** A context that is already running (tests, embedding); its owner closes it. */
    static SpringContext of(ApplicationContext running, boolean debug) {
        return new SpringContext(List.of(), running, debug);
    }

    boolean debug() {
        return debug;
    }

    /**
     * Starts the context as a web application (the console), which no other command does: its properties set the
     * type to none. Must come before the first {@link #bean}.
     */
    void startWebServer() {
        if (context != null) {
            throw new IllegalStateException("the context is already running");
        }
        web = true;
    }

    public <T> T bean(Class<T> type) {
        if (context == null) {
            SpringApplication application = new SpringApplication(EdiBatchApplication.class);
            application.addListeners(validateConfigurationFirst());
            if (!debug) {
                application.addListeners(quietWhenTheCommandLineTellsIt());
            }
            List<String> args = new java.util.ArrayList<>(properties);
            if (web) {
                // a command-line property: it outranks application.properties, which Spring binds over a setter
                args.add("--spring.main.web-application-type=servlet");
            }
            started = application.run(args.toArray(new String[0]));
            context = started;
        }
        return context.getBean(type);
    }

    /**
     * A context that fails to start is reported by the command line in one line ({@link CommandFailure}), not
     * also by Spring Boot's failure analysis and its "Application run failed" trace, a hundred lines on the
     * console (with {@code --debug} they stay).
     */
    private static ApplicationListener<SpringApplicationEvent> quietWhenTheCommandLineTellsIt() {
        return event -> {
            if (event instanceof ApplicationFailedEvent) {
                LoggingSystem logging = LoggingSystem.get(SpringContext.class.getClassLoader());
                logging.setLogLevel("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
                        LogLevel.OFF);
                logging.setLogLevel(SpringApplication.class.getName(), LogLevel.OFF);
            }
        };
    }

    /**
     * Binds and validates the edibatch properties as soon as the environment is known, before any bean: a bad
     * value then stops the command before the database is started, connected to or migrated.
     */
    private static ApplicationListener<ApplicationEnvironmentPreparedEvent> validateConfigurationFirst() {
        return event -> {
            try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
                Binder.get(event.getEnvironment()).bindOrCreate("edibatch", Bindable.of(EdiBatchProperties.class),
                        new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator())));
            }
            // edibatch.workers: a bad value, or remote mode on the embedded database, stops here too
            org.edibatch.job.customs.remote.RemoteWorkers.from(event.getEnvironment());
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
