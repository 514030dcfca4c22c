package org.edibatch.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL server of the test's own (embedded binaries, data in a temp folder, a free port), for tests that
 * kill the database: never the shared server of {@link TestDatabase}. Killed with SIGKILL to the postmaster, then
 * started again on the same data and port, as an operator would after an outage.
 */
public final class OwnPostgres implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres pg;

    private OwnPostgres(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** @throws org.opentest4j.TestAbortedException when this machine cannot run its own server (said why) */
    public static OwnPostgres start(Path data) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OwnPostgres own = new OwnPostgres(data, port);
        try {
            own.startServer();
        } catch (IOException | RuntimeException e) {
            org.junit.jupiter.api.Assumptions.abort("this machine cannot start a PostgreSQL of the test's own "
                    + "(embedded binaries, as root under unshare -U): " + e);
        }
        return own;
    }

    private void startServer() throws IOException {
        Files.createDirectories(data);
        pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    /** A new database on this server, as a JDBC URL. */
    public String freshDatabaseUrl(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** SIGKILL to the postmaster; returns once the server refuses connections and its backends are gone. */
    public void kill() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        var backends = postmaster.children().toList();
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        for (ProcessHandle b : backends) {
            b.destroyForcibly(); // they would end by themselves once idle; a restart needs them gone
            b.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(accepting()).as("server down").isFalse();
    }

    /**
     * Stops the server and its backends (SIGSTOP) without closing anything: a hung or unreachable server, whose
     * connections stay open and never answer. {@link #thaw()} lets it go on.
     */
    public void freeze() throws Exception {
        signal("STOP");
    }

    public void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + name, String.valueOf(pid)));
        ProcessHandle.of(pid).orElseThrow().children().forEach(c -> cmd.add(String.valueOf(c.pid())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
    }

    /** Starts the server again on the same data folder and port (crash recovery replays its WAL). */
    public void restart() throws IOException {
        pg.close(); // its stop fails on a dead server; it releases the data folder's lock for the new instance
        startServer();
    }

    private boolean accepting() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (pg != null && accepting()) {
            pg.close();
        }
    }
}
