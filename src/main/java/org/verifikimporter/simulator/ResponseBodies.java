package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    /** The fields of a create request that the full object echoes back when they were given. */
    private static final List<String> ECHOED = List.of("expiresAt", "redirectUrl", "webhookUrl", "ipAddress",
            "sendViaEmail", "email", "language");

    /**
     * The full object, as the single read answers it and a webhook event carries it: the create answer's fields
     * with the current status, the create's own fields echoed back (as the ZD object page lists them) and
     * {@code updatedAt} the time of the last change.
     */
    static ObjectNode validationObject(CreatedValidation created, StatusTimeline.Snapshot now) {
        JsonNode request = created.body();
        String createdAt = Json.timestamp(created.createdAt());
        ObjectNode object = newValidation(created)
                .put("status", now.status())
                .put("livenessSession", created.livenessSessionId())
                .put("identifier", created.identifier())
                .put("type", created.type())
                .put("url", created.url())
                .put("requires2FA", request.path("requires2FA").asBoolean(false))
                .putNull("webhook");
        for (String field : ECHOED) {
            JsonNode value = request.get(field);
            if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
                object.set(field, value);
            }
        }
        object.put("createdAt", createdAt)
                .put("updatedAt", now.changedAt() == null ? createdAt : Json.timestamp(now.changedAt()));
        if (StatusOptions.COMPLETED.equals(now.status())) {
            object.put("completedAt", Json.timestamp(now.changedAt()));
        }
        return object;
    }

    static ObjectNode single(CreatedValidation created, StatusTimeline.Snapshot now) {
        return wrap(validationObject(created, now));
    }

    /** {@code GET /_simulator/validations}: every validation in creation order with its status now. */
    static ArrayNode validationIndex(List<CreatedValidation> validations, Map<String, StatusTimeline.Snapshot> now) {
        ArrayNode index = Json.object().arrayNode();
        for (CreatedValidation created : validations) {
            StatusTimeline.Snapshot snapshot = now.get(created.id());
            index.addObject()
                    .put("_id", created.id())
                    .put("identifier", created.identifier())
                    .put("status", snapshot.status())
                    .put("createdAt", Json.timestamp(created.createdAt()))
                    .put("changedAt", snapshot.changedAt() == null ? null : Json.timestamp(snapshot.changedAt()));
        }
        return index;
    }

    static ObjectNode listPage(ListQuery.Page page, boolean populateLivenessSession,
                               Map<String, StatusTimeline.Snapshot> now) {
        ArrayNode docs = Json.object().arrayNode();
        for (CreatedValidation created : page.docs()) {
            StatusTimeline.Snapshot snapshot = now.get(created.id());
            ObjectNode doc = docs.addObject()
                    .put("_id", created.id())
                    .put("status", snapshot == null ? StatusOptions.NEW : snapshot.status())
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
                .put("gatewayRejected", stats.gatewayRejected())
                .put("statusChanges", stats.statusChanges())
                .put("webhooksDelivered", stats.webhooksDelivered())
                .put("webhooksFailed", stats.webhooksFailed());
    }

    private static ObjectNode wrap(JsonNode data) {
        ObjectNode root = Json.object();
        root.set("data", data);
        return root;
    }
}
