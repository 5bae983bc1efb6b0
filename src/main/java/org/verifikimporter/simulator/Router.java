package org.verifikimporter.simulator;

/** Sends each request to its endpoint; everything else is 404 or 405. */
final class Router {

    static final String INSPECTION_PREFIX = "/_simulator/";

    private final FaultInjector faults;
    private final CreateEndpoint create;
    private final ListEndpoint list;
    private final SimulatorState state;
    private final Gateway gateway;

    Router(SimulatorOptions options, FaultInjector faults, Gateway gateway, SimulatorState state) {
        BearerAuth auth = new BearerAuth(options.token());
        this.faults = faults;
        this.create = new CreateEndpoint(options, faults, auth, state);
        this.list = new ListEndpoint(faults, auth, state);
        this.state = state;
        this.gateway = gateway;
    }

    /** @throws ConnectionDrop when the request must get no answer at all */
    Reply route(Incoming request) {
        String path = request.path();
        String method = request.method();
        if (path.startsWith(INSPECTION_PREFIX)) {
            return inspect(method, path);
        }
        // The gateway stands in front of the API, so its 429 comes before latency, the token and every rule; it
        // covers unknown paths as well, as a real one routes everything under the host.
        var refused = gateway.admit();
        if (refused.isPresent()) {
            return refused.get();
        }
        // Latency belongs to the API only: the inspection endpoints are for the test that watches it.
        faults.applyLatency();
        try {
            if (SimulatorState.VALIDATIONS_PATH.equals(path)) {
                return switch (method) {
                    case "POST" -> create.handle(request);
                    case "GET" -> list.handle(request);
                    default -> ApiErrors.methodNotAllowed(method, "GET, POST");
                };
            }
            return ApiErrors.notFound("no route for " + method + " " + path);
        } catch (ApiException e) {
            return e.reply();
        }
    }

    private Reply inspect(String method, String path) {
        boolean requests = (INSPECTION_PREFIX + "requests").equals(path);
        boolean stats = (INSPECTION_PREFIX + "stats").equals(path);
        if (!requests && !stats) {
            return ApiErrors.notFound("no route for " + method + " " + path);
        }
        if (!"GET".equals(method)) {
            return ApiErrors.methodNotAllowed(method, "GET");
        }
        return requests
                ? Reply.json(200, ResponseBodies.requestLog(state.requests()))
                : Reply.json(200, ResponseBodies.stats(state.stats(gateway)));
    }
}
