package org.edibatch.cli;

import org.edibatch.run.ExitCodes;
import org.edibatch.run.FatalErrors;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: picocli parses the command and its arguments, and hands the Spring properties
 * ({@code --edibatch.x=y}, {@code --spring.x=y}, {@code --logging.x=y}, on any command) to the application
 * context, which starts only when a command that needs the database runs. A command line that is not
 * understood exits 64 with one line on stderr; help exits 0.
 */
public final class EdiBatchCommandLine {

    /** Options with these prefixes are Spring properties, whatever the command. */
    private static final List<String> SPRING_PROPERTY_PREFIXES = List.of("--edibatch.", "--spring.", "--logging.");
    /** Anywhere on the line, on any command: a failure's stack trace goes to stderr after its line. */
    static final String DEBUG = "--debug";

    private EdiBatchCommandLine() {
    }

    /**
     * Runs the command as the shell gave it; returns the exit code. An Error anywhere ends the process with exit 3
     * ({@link FatalErrors}), before the context is closed: closing it could wait on what the Error left behind.
     */
    public static int execute(String... args) {
        FatalErrors.install();
        try (SpringContext spring = SpringContext.startingWith(springProperties(args), debug(args))) {
            try {
                return execute(spring, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
            } catch (Error e) {
                FatalErrors.haltIfFatal(e);
                throw e;
            }
        }
    }

    /** Runs the command against a running application context (the Spring properties in args are then ignored). */
    public static int execute(ApplicationContext context, PrintWriter out, PrintWriter err, String... args) {
        return execute(SpringContext.of(context, debug(args)), out, err, args);
    }

    private static int execute(SpringContext spring, PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = commandLine(spring);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println(usageError(ex));
            ex.getCommandLine().getErr().println("try 'edibatch help'");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, command, parsed) -> {
            FatalErrors.haltIfFatal(ex);
            // A bad property value, an argument file missing, an unusable trust store: the line says all. Anything
            // else is a fault (database unreachable, disk full): operators rerun after fixing it, and a failed run
            // resumes. Either way one line; the trace would bury it, so it comes only on request.
            CommandFailure failure = CommandFailure.of(ex).orElseGet(() -> CommandFailure.fault(
                    command.getCommandSpec().qualifiedName(" "), ex));
            command.getErr().println(failure.line());
            if (spring.debug()) {
                ex.printStackTrace(command.getErr());
            } else {
                LoggerFactory.getLogger(EdiBatchCommandLine.class).debug("{}", failure.line(), ex);
            }
            return failure.exitCode();
        });
        try {
            return cl.execute(commandArguments(args));
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine commandLine(SpringContext spring) {
        CommandLine cl = new CommandLine(EdiBatchCommand.class, factory(spring));
        addHelpOption(cl, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        cl.getSubcommands().get("help").getCommandSpec().usageMessage()
                .description("this text, or the help of COMMAND (also: COMMAND --help)");
        // one line per command and option, as in the README: a terminal's 80 columns would fold them
        cl.setUsageHelpWidth(120);
        cl.registerConverter(Instant.class, value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an ISO-8601 instant such as 2026-11-28T01:00:00Z");
            }
        });
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                help -> commandList(help.commandSpec()));
        return cl;
    }

    /** Commands that need the database are given the (lazily started) context; the others are built plainly. */
    private static IFactory factory(SpringContext spring) {
        IFactory plain = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (Constructor<?> c : type.getConstructors()) {
                    if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == SpringContext.class) {
                        return type.cast(c.newInstance(spring));
                    }
                }
                return plain.create(type);
            }
        };
    }

    private static void addHelpOption(CommandLine cl, Set<CommandLine> seen) {
        if (!seen.add(cl)) {
            return;
        }
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null && !(cl.getCommand() instanceof CommandLine.HelpCommand)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this help and exit").build());
        }
        cl.getSubcommands().values().forEach(sub -> addHelpOption(sub, seen));
    }

    static List<String> springProperties(String[] args) {
        return List.of(args).stream().filter(EdiBatchCommandLine::isSpringProperty).toList();
    }

    private static String[] commandArguments(String[] args) {
        return List.of(args).stream().filter(a -> !isSpringProperty(a) && !DEBUG.equals(a)).toArray(String[]::new);
    }

    static boolean debug(String[] args) {
        return List.of(args).contains(DEBUG);
    }

    private static boolean isSpringProperty(String arg) {
        return SPRING_PROPERTY_PREFIXES.stream().anyMatch(arg::startsWith);
    }

    /** One line: which command, what is wrong. */
    private static String usageError(ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException u && !spec.subcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String parent = spec.parent() == null ? "" : spec.qualifiedName(" ").replaceFirst("^\\S+ ", "") + " ";
            message = "unknown command: " + parent + u.getUnmatched().get(0);
        }
        return spec.qualifiedName(" ") + ": " + message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static final int LONG_SYNOPSIS = 40;

    /** Every command down to the leaves ({@code run customs}, {@code pki init}), with its arguments. */
    private static String commandList(CommandSpec top) {
        List<String[]> rows = new ArrayList<>();
        collect(top, "", rows, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        // a command with many options (tender publish, bid seal) would push every description off the screen:
        // its description goes on the next line instead
        int width = rows.stream().mapToInt(r -> r[0].length()).filter(n -> n <= LONG_SYNOPSIS).max().orElse(0) + 2;
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            if (r[0].length() > LONG_SYNOPSIS) {
                sb.append("  ").append(r[0]).append('\n').append(" ".repeat(width + 2)).append(r[1]).append('\n');
            } else {
                sb.append("  ").append(r[0]).append(" ".repeat(width - r[0].length())).append(r[1]).append('\n');
            }
        }
        return sb.toString();
    }

    private static void collect(CommandSpec spec, String prefix, List<String[]> rows, Set<CommandSpec> seen) {
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (!seen.add(sub)) {
                continue;
            }
            String name = prefix + sub.name();
            if (!sub.subcommands().isEmpty()) {
                collect(sub, name + " ", rows, seen);
                continue;
            }
            StringBuilder synopsis = new StringBuilder(name);
            for (ArgSpec arg : sub.args()) {
                if (arg instanceof OptionSpec o && !o.usageHelp() && !o.versionHelp() && !o.hidden()) {
                    String label = o.arity().max() == 0 ? o.longestName() : o.longestName() + "=" + o.paramLabel();
                    synopsis.append(o.required() ? " " + label : " [" + label + "]");
                } else if (arg instanceof PositionalParamSpec p && !p.hidden()) {
                    String label = p.paramLabel();
                    synopsis.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
                }
            }
            String[] description = sub.usageMessage().description();
            rows.add(new String[] {synopsis.toString(), description.length == 0 ? "" : description[0]});
        }
    }
}
