package org.verifikimporter.ledger;

import java.sql.SQLException;

/** Work on the ledger's one connection, inside the transaction the writer opened for it. */
@FunctionalInterface
interface SqlWork<T> {
    T run(CachedConnection c) throws SQLException;
}
