package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/** The JSON bodies of successful answers. */
final class ResponseBodies {

    /** The caller's account; the real API takes it from the token. */
    static final String CLIENT_ID = "6650f1a2b3c4d5e6f7a8c1e7";
    /** The real API gives every liveness session four minutes. */
    static final Duration LIVENESS_SESSION_LIFETIME = Duration.ofMinutes(4);

    private ResponseBodies() {
    }

    static String url(String project, String type) {
        String page = "login".equals(type) ? "sign-in" : "stand-alone";
        return "https://access.verifik.co/" + page + "/" + project + "?type=liveness";
    }

    /** {@code {"data":{"livenessSession":{..},"biometricValidation":{..},"token":".."}}}. */
    static ObjectNode shapeB(CreatedValidation created, ValidatedCreate request, String sessionToken) {
        String createdAt = Json.timestamp(created.createdAt());
        ObjectNode session = Json.object()
                .put("_id", created.livenessSessionId())
                .put("identifier", created.identifier())
                .put("client", CLIENT_ID)
                .put("project", created.project())
                .put("projectFlow", created.projectFlow())
                .put("status", "active")
                .put("expiresAt", Json.timestamp(created.createdAt().plus(LIVENESS_SESSION_LIFETIME)))
                .put("createdAt", createdAt)
                .put("updatedAt", createdAt);
        ObjectNode validation = newValidation(created)
                .put("livenessSession", created.livenessSessionId())
                .put("type", created.type())
                .put("url", created.url())
                .put("redirectUrl", request.text("redirectUrl"))
                .putNull("webhook")
                .put("requires2FA", request.flag("requires2FA"))
                .put("createdAt", createdAt)
                .put("updatedAt", createdAt);
        ObjectNode data = Json.object();
        data.set("livenessSession", session);
        data.set("biometricValidation", validation);
        data.put("token", sessionToken);
        return wrap(data);
    }

    /** {@code {"success":true,"data":{..}}}: the request echoed back with an id, a status and timestamps. */
    static ObjectNode shapeA(CreatedValidation created, ValidatedCreate request) {
        String createdAt = Json.timestamp(created.createdAt());
        ObjectNode data = newValidation(created)
                .put("identifier", created.identifier())
                .put("type", created.type());
        request.present().properties().forEach(field -> data.putIfAbsent(field.getKey(), field.getValue()));
        data.put("createdAt", createdAt).put("updatedAt", createdAt);
        return Json.object().put("success", true).set("data", data);
    }

    /** The fields both create answers begin the new validation with; each adds its own after them. */
    private static ObjectNode newValidation(CreatedValidation created) {
        return Json.object()
                .put("_id", created.id())
                .put("client", CLIENT_ID)
                .put("project", created.project())
                .put("projectFlow", created.projectFlow())
                .put("status", "new");
    }

    static ObjectNode listPage(ListQuery.Page page, boolean populateLivenessSession) {
        ArrayNode docs = Json.object().arrayNode();
        for (CreatedValidation created : page.docs()) {
            ObjectNode doc = docs.addObject()
                    .put("_id", created.id())
                    .put("status", "new")
                    .put("type", created.type())
                    .put("url", created.url())
                    .put("project", created.project())
                    .put("projectFlow", created.projectFlow())
                    .put("createdAt", Json.timestamp(created.createdAt()));
            if (populateLivenessSession) {
                doc.set("livenessSession", Json.object()
                        .put("_id", created.livenessSessionId())
                        .put("identifier", created.identifier()));
            }
        }
        ObjectNode data = Json.object();
        data.set("docs", docs);
        data.put("total", page.total()).put("limit", page.limit()).put("page", page.page()).put("pages", page.pages());
        return wrap(data);
    }

    /** The log without credentials: it leaves the process, so the Authorization value is replaced. */
    static ArrayNode requestLog(List<RecordedRequest> requests) {
        ArrayNode log = Json.object().arrayNode();
        for (RecordedRequest request : requests) {
            ObjectNode entry = log.addObject()
                    .put("method", request.method())
                    .put("path", request.path())
                    .put("query", request.rawQuery());
            ObjectNode headers = entry.putObject("headers");
            HeaderMaps.redacted(request.headers()).forEach(headers::put);
            entry.put("body", request.body())
                    .put("receivedAt", Json.timestamp(request.receivedAt()))
                    .put("status", request.status());
        }
        return log;
    }

    static ObjectNode stats(SimulatorStats stats) {
        return Json.object()
                .put("posts", stats.posts())
                .put("created", stats.created())
                .put("maxPostsInAnyOneSecondWindow", stats.maxPostsInAnyOneSecondWindow())
                .put("duplicateIdentifiers", stats.duplicateIdentifiers())
                .put("gatewayAccepted", stats.gatewayAccepted())
                .put("gatewayRejected", stats.gatewayRejected());
    }

    private static ObjectNode wrap(JsonNode data) {
        ObjectNode root = Json.object();
        root.set("data", data);
        return root;
    }
}
