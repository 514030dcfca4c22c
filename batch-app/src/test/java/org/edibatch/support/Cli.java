package org.edibatch.support;

import org.edibatch.EdiBatchApplication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's command line in a child JVM, as cron runs it. */
public final class Cli {

    public record Result(int code, String output) {
    }

    /** Standard output and standard error apart, to tell what an operator's log and terminal get. */
    public record Streams(int code, String out, String err) {
    }

    private Cli() {
    }

    /**
     * A process running the command. Its files are written just before it starts: waiting for them to settle
     * (edibatch.intake.settle) would only slow the tests down; a test that wants the wait passes the property.
     */
    public static ProcessBuilder process(String... args) {
        return processOf(command(args));
    }

    /** A process running {@code cmd} as {@link #process} does: without the intake's settle wait. */
    public static ProcessBuilder processOf(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("EDIBATCH_INTAKE_SETTLE", "0s");
        return pb;
    }

    public static List<String> command(String... args) {
        return commandWithHeap("512m", args);
    }

    /** The command in a JVM of at most {@code heap} (-Xmx), to prove what a run costs in memory. */
    public static List<String> commandWithHeap(String heap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), EdiBatchApplication.class.getName()));
        cmd.addAll(TestDatabase.asApplication(List.of(args)));
        return cmd;
    }

    public static Result runWithHeap(String heap, String... args) throws Exception {
        Process p = processOf(commandWithHeap(heap, args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), out);
    }

    public static Result run(String... args) throws Exception {
        Process p = process(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), out);
    }

    public static Streams runApart(String... args) throws Exception {
        Path err = Files.createTempFile("edibatch-cli", ".err");
        try {
            Process p = process(args).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished in time").isTrue();
            return new Streams(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /**
     * Starts the command and waits until it reports having frozen at its crash point; the caller then
     * kills it (SIGKILL). Fails when the process ends without reaching the point.
     */
    public static Process startUntilCrashPoint(String... args) throws IOException {
        Process p = process(args).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("CRASHPOINT ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty so the frozen process never blocks on output
                        }
                    } catch (IOException ignored) {
                        // the process was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new AssertionError("process ended (exit " + waitQuietly(p) + ") without reaching its crash point:\n" + seen);
    }

    private static int waitQuietly(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL, then wait for the process to be gone. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
