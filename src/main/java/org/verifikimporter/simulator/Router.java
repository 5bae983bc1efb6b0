package org.verifikimporter.simulator;

/** Sends each request to its endpoint; everything else is 404 or 405. */
final class Router {

    static final String INSPECTION_PREFIX = "/_simulator/";

    private final FaultInjector faults;
    private final CreateEndpoint create;
    private final ListEndpoint list;
    private final ReadEndpoint read;
    private final SimulatorState state;
    private final Gateway gateway;
    private final StatusTimeline timeline;
    private final WebhookSender webhook;

    /** @param webhook null when no webhook URL is set */
    Router(SimulatorOptions options, FaultInjector faults, Gateway gateway, SimulatorState state,
           StatusTimeline timeline, WebhookSender webhook) {
        BearerAuth auth = new BearerAuth(options.token());
        this.faults = faults;
        this.create = new CreateEndpoint(options, faults, auth, state, timeline);
        this.list = new ListEndpoint(faults, auth, state, timeline);
        this.read = new ReadEndpoint(faults, auth, timeline);
        this.state = state;
        this.gateway = gateway;
        this.timeline = timeline;
        this.webhook = webhook;
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
            if (ReadEndpoint.matches(path)) {
                return "GET".equals(method) ? read.handle(request) : ApiErrors.methodNotAllowed(method, "GET");
            }
            return ApiErrors.notFound("no route for " + method + " " + path);
        } catch (ApiException e) {
            return e.reply();
        }
    }

    private Reply inspect(String method, String path) {
        String name = path.substring(INSPECTION_PREFIX.length());
        if (!name.equals("requests") && !name.equals("stats") && !name.equals("validations")) {
            return ApiErrors.notFound("no route for " + method + " " + path);
        }
        if (!"GET".equals(method)) {
            return ApiErrors.methodNotAllowed(method, "GET");
        }
        return switch (name) {
            case "requests" -> Reply.json(200, ResponseBodies.requestLog(state.requests()));
            case "stats" -> Reply.json(200, ResponseBodies.stats(state.stats(gateway, timeline, webhook)));
            default -> {
                var all = state.validations();
                yield Reply.json(200, ResponseBodies.validationIndex(all, timeline.statusesOf(all)));
            }
        };
    }
}
