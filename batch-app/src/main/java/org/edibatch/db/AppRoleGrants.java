package org.edibatch.db;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.CRC32;

/**
 * The rights of the application's role ({@code db/app-role-grants.sql}), granted by the schema owner as a Flyway
 * repeatable migration: its checksum covers the script and the role's name, so Flyway applies it again when
 * either changes. The role is whoever the application's DataSource connects as. When that is the owner itself
 * (one role for everything) or a superuser, nothing is granted, and a warning at every start says that the
 * database cannot refuse tampering.
 */
public final class AppRoleGrants implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(AppRoleGrants.class);
    static final String SCRIPT = "db/app-role-grants.sql";

    private final DataSource application;
    private AppRole role;

    /** Who the application connects as, and what it may do beyond its grants. */
    public record AppRole(String name, boolean superuser, boolean mayCreate) {

        /** True when the database itself refuses the application any change of the ledger's history. */
        public boolean leastPrivilege() {
            return !superuser && !mayCreate;
        }
    }

    public AppRoleGrants(DataSource application) {
        this.application = application;
    }

    /** The application's role, asked of the database once. */
    public synchronized AppRole role() {
        if (role == null) {
            try (Connection c = application.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user, r.rolsuper, "
                         + "has_schema_privilege(current_schema(), 'CREATE') FROM pg_roles r WHERE r.rolname = current_user")) {
                rs.next();
                role = new AppRole(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which role the application connects as: " + e.getMessage(), e);
            }
            if (!role.leastPrivilege()) {
                log.warn("the application connects as {}, {}: the database cannot refuse a change of the ledger's history "
                        + "(README, 'Database roles', says how to run it as a role of its own)", role.name(),
                        role.superuser() ? "a superuser" : "who may create objects in the schema");
            }
        }
        return role;
    }

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "application role grants";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update((script() + "\n" + role().name()).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String owner;
        String schema;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user, current_schema()")) {
            rs.next();
            owner = rs.getString(1);
            schema = rs.getString(2);
        }
        AppRole app = role();
        if (app.superuser() || app.name().equals(owner)) {
            log.info("no rights granted: the application connects as {}, as the migrations do or as a superuser",
                    app.name());
            return;
        }
        String sql = script().replace("{app}", quoted(app.name())).replace("{schema}", quoted(schema))
                .replace("{history}", quoted(context.getConfiguration().getTable()));
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        log.info("role {} granted the application's rights on schema {}", app.name(), schema);
    }

    /** An SQL identifier, quoted: the names come from the database exactly as it spells them. */
    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String script() {
        try (InputStream in = AppRoleGrants.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
