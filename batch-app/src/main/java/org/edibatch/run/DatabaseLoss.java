package org.edibatch.run;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Told by the connection pool of every failure it takes for a broken connection (SQLState class 08, the server
 * shutting down...): the database is lost, and {@link FatalErrors#databaseLost} ends the run at once rather than
 * let each later statement wait out its timeout. Named in the pool's configuration (DatabaseTimeouts).
 */
public class DatabaseLoss implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        FatalErrors.databaseLost(e);
        return Override.CONTINUE_EVICT;
    }
}
