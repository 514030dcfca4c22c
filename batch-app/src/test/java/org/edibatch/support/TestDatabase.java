package org.edibatch.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the PostgreSQL server tests run on, in this order: the JDBC URL in EDIBATCH_TEST_JDBC_URL; else a
 * Testcontainers PostgreSQL when Docker is available; else embedded PostgreSQL; else a failure naming what
 * was tried. Every caller gets a fresh database on that server, so tests never see each other's ledgers.
 * <p>
 * The URL of a fresh database connects as the server's superuser: what a test does there itself, it does as the
 * owner. The application a test starts on it ({@link TestApp}, {@link Cli}) runs as it does in production: as
 * the role {@value #APP_ROLE}, created on the server if missing, with Flyway migrating as the superuser
 * ({@link #asApplication}).
 */
public final class TestDatabase {

    public static final String ENV = "EDIBATCH_TEST_JDBC_URL";

    /** The application's role on the test server (roles belong to the whole server, not to one database). */
    public static final String APP_ROLE = "edibatch_app";
    private static final String APP_PASSWORD = "edibatch_app";

    private static String serverUrl;
    private static boolean appRoleReady;
    /** Every database URL handed out by this JVM, whatever the server. */
    private static final Set<String> fresh = new HashSet<>();
    private static String how;
    /** Databases this JVM created on a server that outlives it (the one named by {@link #ENV}). */
    private static final List<String> created = new ArrayList<>();

    private TestDatabase() {
    }

    public static synchronized String freshDatabaseUrl() {
        String server = serverUrl();
        String name = "edibatch_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            if (!appRoleReady) {
                // several test JVMs may create it at once: the loser's error is the role's existence
                s.execute("DO $$ BEGIN CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'; "
                        + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
                appRoleReady = true;
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + how + " (" + server + ")", e);
        }
        if (server.equals(System.getenv(ENV)) && !"1".equals(System.getenv("EDIBATCH_TEST_KEEP_DATABASES"))) {
            if (created.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(server)));
            }
            created.add(name);
        }
        String url = withDatabase(server, name);
        fresh.add(url);
        return url;
    }

    /** The URL of a database of {@link #freshDatabaseUrl}, connecting as the application's role instead. */
    public static String appRoleUrl(String url) {
        int query = url.indexOf('?');
        List<String> params = new ArrayList<>();
        if (query >= 0) {
            for (String p : url.substring(query + 1).split("&")) {
                if (!p.isEmpty() && !p.startsWith("user=") && !p.startsWith("password=")) {
                    params.add(p);
                }
            }
        }
        params.add("user=" + APP_ROLE);
        params.add("password=" + APP_PASSWORD);
        return (query < 0 ? url : url.substring(0, query)) + "?" + String.join("&", params);
    }

    /**
     * The application's arguments with each {@code --spring.datasource.url=} naming a database of
     * {@link #freshDatabaseUrl} turned into the two roles of production: the application's role for the
     * application, the superuser (the schema's owner) for Flyway ({@code --spring.flyway.url=}). Other arguments,
     * and URLs that name another server, are kept as they are.
     */
    public static synchronized List<String> asApplication(List<String> args) {
        List<String> out = new ArrayList<>(args.size() + 1);
        String prefix = "--spring.datasource.url=";
        for (String a : args) {
            String url = a.startsWith(prefix) ? a.substring(prefix.length()) : null;
            if (url != null && fresh.contains(url)) {
                out.add(prefix + appRoleUrl(url));
                out.add("--spring.flyway.url=" + url);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** A shared server would otherwise keep every test's database (EDIBATCH_TEST_KEEP_DATABASES=1 keeps them). */
    private static synchronized void dropCreated(String server) {
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            for (String name : created) {
                try {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    // still in use or already gone: left for the server's owner
                }
            }
        } catch (SQLException e) {
            // the server went away first
        }
    }

    static String serverUrl() {
        if (serverUrl != null) {
            return serverUrl;
        }
        StringBuilder tried = new StringBuilder();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            how = "the server named by " + ENV;
            return serverUrl = env;
        }
        tried.append(ENV).append(" is not set; ");
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15");
                pg.start();
                how = "Testcontainers";
                return serverUrl = pg.getJdbcUrl() + (pg.getJdbcUrl().contains("?") ? "&" : "?")
                        + "user=" + pg.getUsername() + "&password=" + pg.getPassword();
            }
            tried.append("Docker is not available; ");
        } catch (RuntimeException | LinkageError e) {
            tried.append("Testcontainers failed: ").append(e).append("; ");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            how = "embedded PostgreSQL";
            return serverUrl = pg.getJdbcUrl("postgres", "postgres");
        } catch (Exception | LinkageError e) {
            tried.append("embedded PostgreSQL failed: ").append(e);
        }
        throw new IllegalStateException("no PostgreSQL for the tests: " + tried);
    }

    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        String params = query < 0 ? "" : url.substring(query);
        return base + "/" + database + params;
    }
}
