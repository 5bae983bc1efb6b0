package org.verifikimporter.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated create call: exactly the fields that are present, with their JSON types (String or
 * Boolean), in {@link ApiField} order. Absent optional fields are not in the map, so they are never sent
 * as empty strings.
 */
public record CreateRequest(Map<String, Object> body) {

    public CreateRequest {
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    public String project() {
        return (String) body.get(ApiField.PROJECT.jsonName());
    }

    public String projectFlow() {
        return (String) body.get(ApiField.PROJECT_FLOW.jsonName());
    }

    public String identifier() {
        return (String) body.get(ApiField.IDENTIFIER.jsonName());
    }

    public String type() {
        return (String) body.get(ApiField.TYPE.jsonName());
    }

    /** The person this call is for: a second row with the same key in one file is a DUPLICATE_ROW. */
    public String personKey() {
        return String.join("\u0000", project(), projectFlow(), identifier(), type());
    }
}
