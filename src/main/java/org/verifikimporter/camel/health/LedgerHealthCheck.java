package org.verifikimporter.camel.health;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.logging.LogMask;

/**
 * Readiness: the ledger answers. Nothing may be sent without it (the SENDING record comes first), so an
 * importer whose database is gone must not be counted ready; a restart would not bring the database back, so
 * it is not a liveness check either. The message says what is wrong in plain words, masked like a log line
 * (the database password never appears), and carries no exception.
 */
public final class LedgerHealthCheck extends AbstractHealthCheck {

    private final Ledger ledger;

    public LedgerHealthCheck(Ledger ledger) {
        super("importer", "ledger");
        this.ledger = ledger;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> problem = ledger.unreachable();
        if (problem.isEmpty()) {
            builder.up();
        } else {
            builder.message(LogMask.mask(problem.get())).down();
        }
    }
}
