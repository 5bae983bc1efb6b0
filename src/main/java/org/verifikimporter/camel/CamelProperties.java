package org.verifikimporter.camel;

import java.util.Properties;
import org.verifikimporter.config.ImporterSettings;

/**
 * What Camel is configured with for one run: every resolved setting (for the routes' placeholders), plus
 * the values derived from them that the routes and camel-http read. The derived ones are not operator
 * settings: each follows from a setting, in this one place.
 */
public final class CamelProperties {

    private CamelProperties() {
    }

    public static Properties of(ImporterSettings settings, ImporterEngine.Mode mode) {
        Properties p = new Properties();
        p.putAll(settings.asMap());
        long minAgeMs = settings.fileMinAge().toMillis();
        p.put("importer.internal.file-min-age-ms", Long.toString(minAgeMs));
        // long enough for a just-dropped file to come of age within the same poll
        p.put("importer.internal.read-lock-timeout-ms", Long.toString(minAgeMs + 10_000));
        p.put("importer.internal.poll-delay-ms", Long.toString(settings.pollInterval().toMillis()));
        p.put("importer.internal.repeat-count", mode == ImporterEngine.Mode.RUN ? "1" : "0");
        // validate and a one-off command's lookups read no inbox
        boolean inbox = mode == ImporterEngine.Mode.RUN || mode == ImporterEngine.Mode.WATCH;
        p.put("importer.internal.inbox-auto-startup", Boolean.toString(inbox));
        // the rate limit learns from the HTTP client when each request goes on the wire
        p.put("camel.component.http.http-client-configurer", RouteKeys.RATE_LIMIT.ref());
        p.put("camel.component.http.connect-timeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("camel.component.http.so-timeout", Long.toString(settings.requestTimeout().toMillis()));
        p.put("camel.component.http.response-timeout", Long.toString(settings.requestTimeout().toMillis()));
        // a free connection must always be there for each row thread: waiting for one is not a network error
        p.put("camel.component.http.connections-per-route", Integer.toString(Math.max(20, settings.concurrency() * 2)));
        p.put("camel.component.http.max-total-connections", Integer.toString(Math.max(200, settings.concurrency() * 2)));
        p.put("camel.component.http.connection-request-timeout", Long.toString(settings.connectTimeout().toMillis()));
        // Camel's own meters and health registry follow the management server's switches
        ManagementServer.camelProperties(settings, p);
        if (mode == ImporterEngine.Mode.LOOKUP || mode == ImporterEngine.Mode.TRACK) {
            // a one-off command beside a running watch must not take (or fail on) its management port
            p.put(ManagementServer.ENABLED, "false");
        }
        return p;
    }
}
