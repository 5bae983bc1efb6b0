package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a create request goes through once it is authenticated. Stricter than the documented API where a
 * looser server would hide a client bug: unknown fields and wrong JSON types are refused, not ignored.
 */
final class CreateRequestRules {

    static final List<String> STRING_FIELDS = List.of("project", "projectFlow", "identifier", "type", "expiresAt",
            "redirectUrl", "webhookUrl", "ipAddress", "email", "language");
    static final List<String> BOOLEAN_FIELDS = List.of("requires2FA", "sendViaEmail");
    static final List<String> REQUIRED = List.of("project", "projectFlow", "identifier", "type");
    static final Set<String> TYPES = Set.of("validation", "login", "onboarding", "oneTimeLink");
    static final Set<String> LANGUAGES = Set.of("en", "es");

    private final ProjectCatalog catalog;

    CreateRequestRules(ProjectCatalog catalog) {
        this.catalog = catalog;
    }

    /** @throws ApiException with the answer for the first rule the request breaks */
    ValidatedCreate validate(Optional<String> contentType, String body) {
        if (!isJson(contentType)) {
            // Without it a Node API never parses the body, so the call would fail in production too.
            throw new ApiException(ApiErrors.badRequest("Content-Type must be application/json"));
        }
        ObjectNode request = Json.parseObject(body)
                .orElseThrow(() -> new ApiException(ApiErrors.badRequest("body must be a JSON object")));
        ObjectNode present = checkFields(request);
        checkRequired(present);
        checkEnums(present);
        ProjectCatalog.Flow flow = checkCatalog(present.get("project").asText(), present.get("projectFlow").asText());
        return new ValidatedCreate(request, present, flow);
    }

    private static boolean isJson(Optional<String> contentType) {
        return contentType
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .filter("application/json"::equals)
                .isPresent();
    }

    /** Refuses unknown fields and wrong JSON types; returns the fields that count as given. */
    private static ObjectNode checkFields(ObjectNode request) {
        ObjectNode present = Json.object();
        for (Map.Entry<String, JsonNode> field : request.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (BOOLEAN_FIELDS.contains(name)) {
                if (!value.isBoolean()) {
                    throw new ApiException(ApiErrors.invalidParameter(name + " must be a boolean"));
                }
                present.set(name, value);
            } else if (STRING_FIELDS.contains(name)) {
                if (!value.isTextual()) {
                    throw new ApiException(ApiErrors.invalidParameter(name + " must be a string"));
                }
                if (!value.asText().isBlank()) {
                    present.set(name, value);
                }
            } else {
                throw new ApiException(ApiErrors.invalidParameter("unknown field " + name));
            }
        }
        return present;
    }

    private static void checkRequired(ObjectNode present) {
        for (String field : REQUIRED) {
            if (!present.has(field)) {
                throw new ApiException(ApiErrors.missingParameter(field));
            }
        }
        if (present.path("sendViaEmail").asBoolean(false) && !present.has("email")) {
            throw new ApiException(ApiErrors.missingParameter("email"));
        }
    }

    private static void checkEnums(ObjectNode present) {
        String type = present.get("type").asText();
        if (!TYPES.contains(type)) {
            throw new ApiException(ApiErrors.invalidParameter(
                    "type must be one of validation, login, onboarding, oneTimeLink"));
        }
        if (present.has("language") && !LANGUAGES.contains(present.get("language").asText())) {
            throw new ApiException(ApiErrors.invalidParameter("language must be en or es"));
        }
    }

    private ProjectCatalog.Flow checkCatalog(String project, String projectFlow) {
        if (!catalog.hasProject(project)) {
            throw new ApiException(ApiErrors.projectNotFound());
        }
        ProjectCatalog.Flow flow = catalog.flow(projectFlow)
                .filter(f -> f.projectId().equals(project))
                .orElseThrow(() -> new ApiException(ApiErrors.invalidProjectFlow()));
        if (!flow.active()) {
            throw new ApiException(ApiErrors.projectNotActive());
        }
        return flow;
    }
}
