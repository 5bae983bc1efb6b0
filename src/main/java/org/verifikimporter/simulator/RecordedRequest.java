package org.verifikimporter.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the simulator received it, with the status it answered.
 *
 * @param method     upper-case HTTP method
 * @param path       decoded path, without the query
 * @param rawQuery   the query as sent (still URL-encoded), or null
 * @param headers    lower-cased header names; lookups ignore case
 * @param body       the request body as UTF-8 text, empty when there was none
 * @param receivedAt when the request arrived, before any injected latency
 * @param status     the HTTP status answered, or {@link #DROPPED} when the connection was closed without an answer
 */
public record RecordedRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        Instant receivedAt,
        int status) {

    public static final int DROPPED = -1;

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean dropped() {
        return status == DROPPED;
    }

    /** Leaves the Authorization value out: records end up in assertion messages and logs. */
    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery)
                + ", status=" + status + ", receivedAt=" + receivedAt
                + ", headers=" + HeaderMaps.redacted(headers) + ", body=" + body + "]";
    }
}
