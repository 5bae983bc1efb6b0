package org.verifikimporter.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a ledger's schema is already at the newest migration this build carries, read from Flyway's own
 * history table. Flyway's migrate costs about a fifth of a second of every start even when there is nothing
 * to do (it scans the shaded jar for its scripts), a tenth of an empty `run`; a ledger at the newest version
 * with no failed migration skips it. Anything else (no history yet, an older or newer version, a failed
 * migration, a query that fails) goes to Flyway as before, which then does what it always did.
 */
final class SchemaCheck {

    /** The highest V&lt;n&gt;__ script under db/ledger/sqlite (SchemaCheckTest holds it to the files). */
    static final int NEWEST_SQLITE = 5;
    /** The highest V&lt;n&gt;__ script under db/ledger/standard. */
    static final int NEWEST_STANDARD = 4;
    private static final String HISTORY = "flyway_schema_history";

    private SchemaCheck() {
    }

    static boolean current(DataSource ds, boolean sqlite) {
        int newest = sqlite ? NEWEST_SQLITE : NEWEST_STANDARD;
        try (Connection c = ds.getConnection()) {
            // asked of the metadata first, and Flyway's names quoted (lower case): a failed query leaves an
            // error trace behind on H2
            if (!hasHistory(c)) {
                return false;
            }
            return highestVersion(c) == newest;
        } catch (SQLException | NumberFormatException unreadable) {
            return false;
        }
    }

    private static boolean hasHistory(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (HISTORY.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The highest version applied; -1 when any migration failed. */
    private static int highestVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select \"version\", \"success\" from \"" + HISTORY + "\"")) {
            int highest = 0;
            while (rs.next()) {
                String version = rs.getString(1);
                if (!rs.getBoolean(2)) {
                    return -1;
                }
                if (version != null) {
                    highest = Math.max(highest, Integer.parseInt(version.strip()));
                }
            }
            return highest;
        }
    }
}
