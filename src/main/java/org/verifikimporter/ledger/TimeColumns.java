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
    TIMESTAMP_WITH_TIME_ZONE {
        @Override
        void set(PreparedStatement ps, int index, Instant time) throws SQLException {
            if (time == null) {
                ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, time.atOffset(ZoneOffset.UTC));
            }
        }

        @Override
        Instant get(ResultSet rs, int column) throws SQLException {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
    },

    /** SQLite: an INTEGER of milliseconds since 1970-01-01T00:00Z, which also compares and sorts as time does. */
    EPOCH_MILLIS {
        @Override
        void set(PreparedStatement ps, int index, Instant time) throws SQLException {
            if (time == null) {
                ps.setNull(index, Types.BIGINT);
            } else {
                ps.setLong(index, time.toEpochMilli());
            }
        }

        @Override
        Instant get(ResultSet rs, int column) throws SQLException {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        }
    };

    abstract void set(PreparedStatement ps, int index, Instant time) throws SQLException;

    abstract Instant get(ResultSet rs, int column) throws SQLException;
}
