package org.verifikimporter.simulator;

/** {@code GET /v2/biometric-validations/{id}}: one validation, the full object with its status now. */
final class ReadEndpoint {

    static final String PREFIX = SimulatorState.VALIDATIONS_PATH + "/";

    private final FaultInjector faults;
    private final BearerAuth auth;
    private final StatusTimeline timeline;

    ReadEndpoint(FaultInjector faults, BearerAuth auth, StatusTimeline timeline) {
        this.faults = faults;
        this.auth = auth;
        this.timeline = timeline;
    }

    /** Whether the path names one validation: {@code /v2/biometric-validations/<id>} with nothing after the id. */
    static boolean matches(String path) {
        return path.startsWith(PREFIX) && path.length() > PREFIX.length() && path.indexOf('/', PREFIX.length()) < 0;
    }

    Reply handle(Incoming request) {
        // Same order as the list: a bad token is 401 before the id is looked at, so ids cannot be probed.
        if (!auth.accepts(request.header("authorization")) || faults.tokenExpired()) {
            return ApiErrors.unauthorized();
        }
        String id = request.path().substring(PREFIX.length());
        return timeline.find(id)
                .map(found -> Reply.json(200, ResponseBodies.single(found.getKey(), found.getValue())))
                .orElseGet(() -> ApiErrors.notFound("404:biometric_validation_not_found"));
    }
}
