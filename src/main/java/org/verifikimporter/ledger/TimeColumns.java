package org.verifikimporter.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How a ledger database keeps times: SQLite has no timestamp type, so there they are epoch milliseconds. */
enum TimeColumns {

    /** PostgreSQL and H2: {@code TIMESTAMP WITH TIME ZONE}, always written in UTC. */
    TIMESTAMP_WITH_TIME_ZONE(Types.TIMESTAMP_WITH_TIMEZONE),

    /** SQLite: an INTEGER of milliseconds since 1970-01-01T00:00Z, which also compares and sorts as time does. */
    EPOCH_MILLIS(Types.BIGINT);

    /** What a null time is written as. */
    private final int sqlType;

    TimeColumns(int sqlType) {
        this.sqlType = sqlType;
    }

    void set(PreparedStatement ps, int index, Instant time) throws SQLException {
        if (time == null) {
            ps.setNull(index, sqlType);
        } else if (this == EPOCH_MILLIS) {
            ps.setLong(index, time.toEpochMilli());
        } else {
            ps.setObject(index, time.atOffset(ZoneOffset.UTC));
        }
    }

    Instant get(ResultSet rs, String column) throws SQLException {
        if (this == EPOCH_MILLIS) {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        }
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
