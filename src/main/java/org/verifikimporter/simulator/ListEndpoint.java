package org.verifikimporter.simulator;

/** {@code GET /v2/biometric-validations}. */
final class ListEndpoint {

    private final FaultInjector faults;
    private final BearerAuth auth;
    private final SimulatorState state;

    ListEndpoint(FaultInjector faults, BearerAuth auth, SimulatorState state) {
        this.faults = faults;
        this.auth = auth;
        this.state = state;
    }

    Reply handle(Incoming request) {
        if (!auth.accepts(request.header("authorization")) || faults.tokenExpired()) {
            return ApiErrors.unauthorized();
        }
        ListQuery query = ListQuery.parse(request.rawQuery());
        ListQuery.Page page = query.apply(state.validations());
        return Reply.json(200, ResponseBodies.listPage(page, query.populateLivenessSession()));
    }
}
