package org.verifikimporter.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One delivery of Verifik's: {@code {"type": "<flow type>_biometric_validation_<suffix>", "object": {...}}}, the
 * object being the validation as it is now (research: verifik-api.md section 5). The status is the object's own;
 * when it has none, the type's suffix if that is a status ({@code biometric_validation_validated}). Other
 * events ({@code ..._created_person}, a face comparison) say nothing of a status and are ignored.
 *
 * @param status null when the event carries no status
 */
record WebhookEvent(String type, String validationId, String status) {

    /** Why a body is not an event, in words for the caller (no body text is echoed). */
    static final class BadEvent extends Exception {
        BadEvent(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String MARK = "biometric_validation_";
    /** The statuses Verifik's pages name; a type suffix is read as a status only when it is one of them. */
    private static final Set<String> SUFFIX_STATUSES =
            Set.of("new", "sent", "pending", "validated", "completed", "failed", "expired");
    /** Ids and statuses go into the ledger and the log: nothing that could break a line or a column. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern STATUS = Pattern.compile("[A-Za-z0-9_ .-]{1,64}");

    static WebhookEvent parse(byte[] body) throws BadEvent {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadEvent("the body is not JSON");
        } catch (IOException e) {
            throw new BadEvent("the body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new BadEvent("the body is not a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new BadEvent("type is missing");
        }
        JsonNode object = root.get("object");
        if (object == null || !object.isObject()) {
            throw new BadEvent("object is missing");
        }
        JsonNode id = object.get("_id");
        if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
            throw new BadEvent("object._id is missing or not an id");
        }
        String status = statusOf(type.asText(), object.get("status"));
        if (status != null && !STATUS.matcher(status).matches()) {
            throw new BadEvent("object.status is not a status");
        }
        return new WebhookEvent(type.asText(), id.asText(), status);
    }

    private static String statusOf(String type, JsonNode status) {
        if (!type.toLowerCase(Locale.ROOT).contains("biometric")) {
            return null; // an event about something else, whose object is not a validation
        }
        if (status != null && status.isTextual() && !status.asText().isBlank()) {
            return status.asText().strip();
        }
        int at = type.toLowerCase(Locale.ROOT).lastIndexOf(MARK);
        if (at < 0) {
            return null;
        }
        String suffix = type.substring(at + MARK.length()).strip().toLowerCase(Locale.ROOT);
        return SUFFIX_STATUSES.contains(suffix) ? suffix : null;
    }
}
