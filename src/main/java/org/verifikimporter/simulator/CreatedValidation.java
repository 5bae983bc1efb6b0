package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A biometric validation the simulator created.
 *
 * @param body              the request body as sent; a fresh copy on every call, so callers cannot alter the record
 * @param createdAt         when the create request was received, to the millisecond
 * @param livenessSessionId the id of the liveness session created with it (shape B shows it; listings populate it)
 * @param url               the link a person would open
 */
public record CreatedValidation(
        String id,
        String project,
        String projectFlow,
        String identifier,
        String type,
        String email,
        JsonNode body,
        Instant createdAt,
        String livenessSessionId,
        String url) {

    public CreatedValidation {
        body = body.deepCopy();
    }

    @Override
    public JsonNode body() {
        return body.deepCopy();
    }
}
