package org.edibatch.job.customs.remote;

import org.edibatch.config.ConfigurationRefused;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.Locale;

/**
 * Where the customs step's partitions run, from {@code edibatch.workers} ({@code local}, the default: threads of
 * this JVM; {@code remote}: worker JVMs fed over RabbitMQ) and its settings. Read from the environment rather than
 * bound into {@code EdiBatchProperties}: {@code edibatch.workers} is both a value and the prefix of its settings.
 *
 * @param remote       whether partitions go to worker JVMs
 * @param timeout      how long the manager waits for all partitions; a worker that died leaves its partition
 *                     STARTED for ever (Spring Batch #4006), so this is what ends such a run (exit 3)
 * @param pollInterval how often the manager reads the partitions' status from the job repository
 * @param partitions   partitions per run in remote mode (more than workers, so a fast worker takes more)
 * @param queue        the RabbitMQ queue of partition requests (one per installation, or per test)
 * @param rabbit       the broker ({@code spring.rabbitmq.*}, as Spring Boot names them)
 * @param shutdownWait how long a worker asked to stop (SIGTERM) lets its running partitions finish
 * @param staleAfter   a partition whose worker recorded no progress for this long is taken for dead by a rerun
 *                     ({@link LivePartitions}); longer than any one chunk takes
 */
public record RemoteWorkers(boolean remote, Duration timeout, Duration pollInterval, int partitions, String queue,
                            Broker rabbit, Duration shutdownWait, Duration staleAfter) {

    public static final String MODE = "edibatch.workers";

    public record Broker(String host, int port, String username, String password, String virtualHost) {
        @Override
        public String toString() {
            return host + ":" + port + virtualHost; // never the password: this goes to logs
        }
    }

    /** The settings, or {@link ConfigurationRefused} for a value that cannot work (before anything starts). */
    public static RemoteWorkers from(Environment env) {
        String mode = env.getProperty(MODE, "local").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("local") && !mode.equals("remote")) {
            throw new ConfigurationRefused("edibatch: invalid configuration: " + MODE + "=" + mode
                    + ": must be local or remote");
        }
        boolean remote = mode.equals("remote");
        int partitions = integer(env, MODE + ".partitions", 8);
        int port = integer(env, "spring.rabbitmq.port", 5672);
        RemoteWorkers settings = new RemoteWorkers(remote, duration(env, MODE + ".timeout", "2h"),
                duration(env, MODE + ".poll-interval", "1s"), partitions,
                env.getProperty(MODE + ".queue", "edibatch.customs.partitions"),
                new Broker(env.getProperty("spring.rabbitmq.host", "127.0.0.1"), port,
                        env.getProperty("spring.rabbitmq.username", "guest"),
                        env.getProperty("spring.rabbitmq.password", "guest"),
                        env.getProperty("spring.rabbitmq.virtual-host", "/")),
                duration(env, MODE + ".shutdown-wait", "10m"), duration(env, MODE + ".stale-after", "2m"));
        if (remote && env.getProperty("spring.datasource.url", "").isBlank()) {
            throw new ConfigurationRefused("edibatch: invalid configuration: " + MODE + "=remote needs a shared "
                    + "PostgreSQL (spring.datasource.url): the embedded database of one machine cannot be reached by "
                    + "workers on others");
        }
        return settings;
    }

    private static Duration duration(Environment env, String name, String fallback) {
        String value = env.getProperty(name, fallback).trim();
        try {
            Duration d = DurationStyle.detectAndParse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new ConfigurationRefused("edibatch: invalid configuration: " + name + "=" + value
                    + ": must be a positive duration such as 90s, 30m or 2h");
        }
    }

    private static int integer(Environment env, String name, int fallback) {
        String value = env.getProperty(name, Integer.toString(fallback)).trim();
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationRefused("edibatch: invalid configuration: " + name + "=" + value
                    + ": must be a whole number of 1 or more");
        }
    }
}
