package org.verifikimporter.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A received request, read in full before any rule looks at it. */
record Incoming(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        Instant receivedAt) {

    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    RecordedRequest answered(int status) {
        return new RecordedRequest(method, path, rawQuery, headers, body, receivedAt, status);
    }
}
