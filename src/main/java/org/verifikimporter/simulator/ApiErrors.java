package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error answers, with the codes and messages the Verifik documentation shows. */
final class ApiErrors {

    private ApiErrors() {
    }

    static Reply codeMessage(int status, String code, String message) {
        ObjectNode body = Json.object().put("code", code).put("message", message);
        return Reply.json(status, body);
    }

    static Reply unauthorized() {
        return codeMessage(401, "Unauthorized", "Invalid or expired token.");
    }

    static Reply badRequest(String message) {
        return codeMessage(400, "BadRequest", message);
    }

    static Reply invalidParameter(String message) {
        return codeMessage(409, "InvalidParameter", message);
    }

    static Reply invalidQueryParameter(String message) {
        return codeMessage(400, "InvalidParameter", message);
    }

    static Reply missingParameter(String field) {
        return codeMessage(409, "MissingParameter", "missing " + field);
    }

    static Reply projectNotFound() {
        return codeMessage(404, "Project_not_found_or_featured_disabled", "404:Project_not_found_or_featured_disabled");
    }

    /** The one documented error in the {success,error,code} format, kept so clients must read both formats. */
    static Reply invalidProjectFlow() {
        ObjectNode body = Json.object().put("success", false).put("error", "Invalid project flow")
                .put("code", "INVALID_PROJECT_FLOW");
        return Reply.json(400, body);
    }

    static Reply projectNotActive() {
        return codeMessage(409, "Project_not_active", "409:Project_not_active");
    }

    static Reply rateLimited(Integer retryAfterSeconds) {
        Reply reply = codeMessage(429, "RateLimitExceeded", "Too many requests");
        return retryAfterSeconds == null ? reply : reply.withHeader("Retry-After", retryAfterSeconds.toString());
    }

    /**
     * What a gateway in front of the API answers when its bucket is full: no {@code Retry-After}, so the client has
     * to find the pace itself.
     */
    static Reply gatewayTooManyRequests() {
        return codeMessage(429, "TooManyRequests", "Too many requests: the gateway's rate limit was exceeded");
    }

    static Reply internalServerError() {
        return codeMessage(500, "InternalServerError", "Server error.");
    }

    /** Not JSON on purpose: a proxy in front of an API answers like this, and clients must cope. */
    static Reply serviceUnavailable() {
        return Reply.text(503, "Service Unavailable");
    }

    static Reply notFound(String message) {
        return codeMessage(404, "NotFound", message);
    }

    static Reply methodNotAllowed(String method, String allowed) {
        return codeMessage(405, "MethodNotAllowed", method + " is not allowed here; use " + allowed)
                .withHeader("Allow", allowed);
    }
}
