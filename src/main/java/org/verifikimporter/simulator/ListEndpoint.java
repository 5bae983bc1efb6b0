package org.verifikimporter.simulator;

import java.util.List;
import java.util.Map;

/** {@code GET /v2/biometric-validations}. */
final class ListEndpoint {

    private final FaultInjector faults;
    private final BearerAuth auth;
    private final SimulatorState state;
    private final StatusTimeline timeline;

    ListEndpoint(FaultInjector faults, BearerAuth auth, SimulatorState state, StatusTimeline timeline) {
        this.faults = faults;
        this.auth = auth;
        this.state = state;
        this.timeline = timeline;
    }

    Reply handle(Incoming request) {
        if (!auth.accepts(request.header("authorization")) || faults.tokenExpired()) {
            return ApiErrors.unauthorized();
        }
        ListQuery query = ListQuery.parse(request.rawQuery());
        List<CreatedValidation> all = state.validations();
        // One reading of every status, so the filter and the page it prints agree although statuses move on.
        Map<String, StatusTimeline.Snapshot> now = timeline.statusesOf(all);
        ListQuery.Page page = query.apply(all, now);
        return Reply.json(200, ResponseBodies.listPage(page, query.populateLivenessSession(), now));
    }
}
