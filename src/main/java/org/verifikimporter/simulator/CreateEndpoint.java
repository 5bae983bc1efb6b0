package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;

/** {@code POST /v2/biometric-validations}. */
final class CreateEndpoint {

    private final SimulatorOptions options;
    private final FaultInjector faults;
    private final BearerAuth auth;
    private final CreateRequestRules rules;
    private final SimulatorState state;
    private final StatusTimeline timeline;
    private final Ids ids = new Ids();

    CreateEndpoint(SimulatorOptions options, FaultInjector faults, BearerAuth auth, SimulatorState state,
                   StatusTimeline timeline) {
        this.options = options;
        this.faults = faults;
        this.auth = auth;
        this.rules = new CreateRequestRules(options.catalog());
        this.state = state;
        this.timeline = timeline;
    }

    Reply handle(Incoming request) {
        // Faults strike before anything is recorded, so a retry after one of them is always safe.
        if (faults.dropConnection()) {
            throw new ConnectionDrop("drop rate");
        }
        var failure = faults.serverError().or(faults::rateLimit);
        if (failure.isPresent()) {
            return failure.get();
        }
        if (!auth.accepts(request.header("authorization")) || !faults.admitTokenForPost()) {
            return ApiErrors.unauthorized();
        }
        ValidatedCreate valid = rules.validate(request.header("content-type"), request.body());
        CreatedValidation created = record(valid, request);
        // The validation exists from here on: a delay now is a client timeout whose outcome is unknown to it.
        faults.maybeDelayAfterRecord();
        ObjectNode body = options.shapeA()
                ? ResponseBodies.shapeA(created, valid)
                : ResponseBodies.shapeB(created, valid, ids.sessionToken());
        return Reply.json(options.successStatus(), body);
    }

    private CreatedValidation record(ValidatedCreate valid, Incoming request) {
        var createdAt = request.receivedAt().truncatedTo(ChronoUnit.MILLIS);
        CreatedValidation created = new CreatedValidation(
                ids.objectId(createdAt),
                valid.project(),
                valid.projectFlow(),
                valid.identifier(),
                valid.type(),
                valid.text("email"),
                valid.body(),
                createdAt,
                ids.objectId(createdAt),
                ResponseBodies.url(valid.project(), valid.type()));
        state.add(created);
        timeline.created(created);
        return created;
    }
}
