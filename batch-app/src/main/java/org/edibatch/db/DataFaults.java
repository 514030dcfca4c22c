package org.edibatch.db;

import java.sql.SQLException;

/**
 * Tells a fault of the data being written from a fault of the service, by the SQLSTATE PostgreSQL gave. A data
 * fault (class 22 data exception: a value out of range or not representable; class 23 integrity constraint; class
 * 54 program limit: a value too large for an index) is caused by the rows of the statement, so writing other rows
 * can succeed; anything else (connection 08, resources such as a full disk 53, operator intervention and
 * timeouts 57, system errors 58, internal XX, serialization 40, rights and syntax 42) is the service's.
 */
public final class DataFaults {

    private DataFaults() {
    }

    /** @return the SQLSTATE of the data fault in {@code t}'s causes, or null when {@code t} is not one */
    public static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Error) {
                return null;
            }
            if (c instanceof SQLException sql) {
                // the first SQLException with a state decides: a wrapped broken connection stays the service's
                String state = sql.getSQLState();
                if (state != null && state.length() == 5) {
                    return isDataClass(state) ? state : null;
                }
            }
        }
        return null;
    }

    public static boolean isDataFault(Throwable t) {
        return sqlState(t) != null;
    }

    private static boolean isDataClass(String state) {
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
    }
}
