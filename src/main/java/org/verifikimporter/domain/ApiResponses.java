package org.verifikimporter.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Verifik's answers. Success comes in two documented shapes (A: {@code data._id}; B:
 * {@code data.biometricValidation._id}); errors as {@code {code,message}}, {@code {success:false,error,code}},
 * {@code {error,message}} or not JSON at all.
 */
public final class ApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,80}");
    private static final int MAX_MESSAGE = 300;

    private ApiResponses() {
    }

    /** Empty when a 2xx body carries no validation id: the caller cannot tell what was created. */
    public static Optional<CreatedSession> created(String body) {
        JsonNode data = parse(body).path("data");
        JsonNode validation = data.has("biometricValidation") ? data.path("biometricValidation") : data;
        String id = text(validation, "_id");
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new CreatedSession(id, text(validation, "status"), text(validation, "url")));
    }

    /** The API's error code and message; {@code HTTP_<status>} when the body names no code. */
    public static ApiError error(int status, String body) {
        JsonNode root = parse(body);
        String code = text(root, "code");
        String message = firstNonNull(text(root, "message"), text(root, "error"));
        if (code == null && text(root, "error") != null && text(root, "message") != null
                && CODE_LIKE.matcher(text(root, "message")).matches()) {
            // {"error":"Insufficient credits","message":"INSUFFICIENT_CREDITS"}: the code sits in message
            code = text(root, "message");
            message = text(root, "error");
        }
        if (code == null || !CODE_LIKE.matcher(code).matches()) {
            code = "HTTP_" + status;
        }
        if (message == null) {
            message = root.isMissingNode() && body != null && !body.isBlank()
                    ? body
                    : "HTTP " + status + " with no message";
        }
        return new ApiError(status, code, oneLine(message));
    }

    public record ApiError(int httpStatus, String code, String message) {
    }

    static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return flat.length() > MAX_MESSAGE ? flat.substring(0, MAX_MESSAGE - 3) + "..." : flat;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || !node.isObject() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
