package org.verifikimporter.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** Adapts the JDK server to the router, and logs every request with the status it got. */
final class ExchangeHandler implements HttpHandler {

    private final Router router;
    private final SimulatorState state;

    ExchangeHandler(Router router, SimulatorState state) {
        this.router = router;
        this.state = state;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        long sequence = state.nextSequence();
        Incoming request = read(exchange, receivedAt);
        Reply reply;
        try {
            reply = answer(request);
        } catch (ConnectionDrop e) {
            state.log(sequence, request.answered(RecordedRequest.DROPPED));
            // Escaping the handler makes the JDK server close the connection without writing a response.
            throw e;
        }
        // Logged before the answer leaves, so a client that has its answer always finds its request in the log.
        state.log(sequence, request.answered(reply.status()));
        write(exchange, reply);
    }

    private Reply answer(Incoming request) {
        try {
            return router.route(request);
        } catch (ConnectionDrop e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug here should read as one to the developer, not as a dropped connection.
            return ApiErrors.codeMessage(500, "InternalServerError", "simulator failure: " + e);
        }
    }

    private static Incoming read(HttpExchange exchange, Instant receivedAt) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Incoming(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                HeaderMaps.copyOf(exchange.getRequestHeaders()),
                body,
                receivedAt);
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}
