package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.signature.TrustStoreException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A failure the operator fixes from one line, told without a trace: a property that cannot be bound or
 * breaks its constraint, or an argument file a command cannot use (exit 64, a usage error: the command as given
 * cannot run), or an installation that cannot serve, such as a missing or corrupt trust store (exit 3), found
 * before any work; or any other fault, named by its innermost cause (exit 3).
 *
 * @param exitCode the documented exit code
 * @param line     what stderr gets: the property or file, and what is allowed
 */
record CommandFailure(int exitCode, String line) {

    /**
     * A command's own refusal, as one line: an argument file missing or unreadable, a wrong password (exit 64:
     * the operator fixes the command line).
     */
    static final class Refused extends RuntimeException {

        private final int exitCode;

        Refused(int exitCode, String line, Throwable cause) {
            super(line, cause);
            this.exitCode = exitCode;
        }
    }

    /** A refusal by {@code command} ({@code "edibatch sign"}) of what it was given, exit 64. */
    static Refused refused(String command, String what) {
        return new Refused(ExitCodes.USAGE, command + ": " + what, null);
    }

    static Refused refused(String command, String what, Throwable cause) {
        return new Refused(ExitCodes.USAGE, command + ": " + what, cause);
    }

    /**
     * Any other failure: a fault of the environment (exit 3), named by its innermost cause in one line; the
     * layers of Spring's bean creation above it say nothing an operator can act on.
     */
    static CommandFailure fault(String command, Throwable failure) {
        Throwable root = failure;
        SQLException sql = null;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 50; depth++) {
            if (root instanceof SQLException s && sql == null) {
                sql = s;
            }
            root = root.getCause();
        }
        if (root instanceof SQLException s && sql == null) {
            sql = s;
        }
        String what;
        if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            what = "the database cannot be reached: " + firstLine(sql.getMessage());
        } else if (root instanceof NoSuchFileException) {
            what = "no such file or folder: " + root.getMessage();
        } else if (root instanceof AccessDeniedException) {
            what = "permission denied: " + root.getMessage();
        } else {
            String message = firstLine(root.getMessage());
            what = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        return new CommandFailure(ExitCodes.FAILED_RERUN_TO_RESUME, command + ": failed: " + what
                + " (" + EdiBatchCommandLine.DEBUG + " shows the trace)");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The failure behind {@code failure} (anywhere in its causes) when it is one of these kinds. */
    static Optional<CommandFailure> of(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 50; t = t.getCause(), depth++) {
            if (t instanceof Refused refused) {
                return Optional.of(new CommandFailure(refused.exitCode, refused.getMessage()));
            }
            if (t instanceof org.edibatch.config.ConfigurationRefused refused) {
                return Optional.of(new CommandFailure(ExitCodes.USAGE, refused.getMessage()));
            }
            if (t instanceof BindException bind) {
                return Optional.of(new CommandFailure(ExitCodes.USAGE, "edibatch: invalid configuration: " + describe(bind)));
            }
            if (t instanceof TrustStoreException trust) {
                return Optional.of(new CommandFailure(ExitCodes.FAILED_RERUN_TO_RESUME,
                        "edibatch: unusable environment: " + trust.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String describe(BindException bind) {
        if (bind.getCause() instanceof BindValidationException invalid) {
            ValidationErrors errors = invalid.getValidationErrors();
            Set<String> problems = new LinkedHashSet<>();
            for (ObjectError error : errors) {
                if (error instanceof FieldError field) {
                    ConfigurationPropertyName name = errors.getName()
                            .append(DataObjectPropertyName.toDashedForm(field.getField()));
                    Optional<Object> value = errors.getBoundProperties().stream().filter(p -> p.getName().equals(name))
                            .map(ConfigurationProperty::getValue).findFirst();
                    if (value.isEmpty() && field.getRejectedValue() instanceof Boolean) {
                        // a check across properties (an @AssertTrue method): its message names them
                        problems.add(field.getDefaultMessage());
                    } else {
                        problems.add(name + "=" + value.orElse(field.getRejectedValue()) + ": "
                                + field.getDefaultMessage());
                    }
                } else {
                    problems.add(errors.getName() + ": " + error.getDefaultMessage());
                }
            }
            // one line even when several values are wrong: the first to fix, then how many more
            String first = problems.iterator().next();
            return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
        }
        Object value = bind.getProperty() == null ? null : bind.getProperty().getValue();
        return bind.getName() + (value == null ? "" : "=" + value) + ": " + allowed(bind);
    }

    /** What the property's type accepts, in the operator's words. */
    private static String allowed(BindException bind) {
        Class<?> type = bind.getTarget().getType().resolve(Object.class);
        if (type == RoundingMode.class) {
            return "must be one of UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == ZoneId.class) {
            return "must be a time zone id such as Asia/Seoul or UTC";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-11-28T01:00:00Z";
        }
        if (type == Path.class) {
            return "must be a file or folder path";
        }
        Throwable root = bind;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "cannot be used" : root.getMessage().replaceAll("\\s*\\R\\s*", " ");
    }
}
