package org.verifikimporter.camel;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.verifikimporter.webhook.WebhookReceiver;

/**
 * Serves {@link WebhookReceiver} on Camel's management server (its Vert.x router), beside the health checks
 * and the scrape: one port for the importer's HTTP, which a reverse proxy exposes for this path alone. Vert.x
 * reads the body up to {@link WebhookReceiver#MAX_BODY_BYTES} (a larger one is cut off, never buffered); the
 * ledger is written on a worker thread, never on the event loop. No access log is written, so the
 * {@code ?secret=} of the URL is in no log.
 */
final class WebhookRoute {

    private WebhookRoute() {
    }

    /** After Camel has started: the management server's router exists only then. */
    static void install(CamelContext camel, WebhookReceiver receiver) {
        ManagementHttpServer server = camel.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            throw new IllegalStateException("the webhook receiver needs Camel's management server, which is not "
                    + "running: set camel.management.enabled=true (CAMEL_MANAGEMENT_ENABLED)");
        }
        VertxPlatformHttpRouter router = server.getRouter();
        Route route = router.route(HttpMethod.POST, WebhookReceiver.PATH);
        route.handler(BodyHandler.create(false).setBodyLimit(WebhookReceiver.MAX_BODY_BYTES));
        route.blockingHandler(ctx -> answer(ctx, receiver.handle(call(ctx))), false);
        route.failureHandler(ctx -> answer(ctx, ctx.statusCode() == 413 ? receiver.tooLarge()
                : new WebhookReceiver.Reply(500, "{\"error\":\"internal error\"}")));
    }

    private static WebhookReceiver.Call call(RoutingContext ctx) {
        List<String> query = ctx.queryParam("secret");
        return new WebhookReceiver.Call(ctx.request().getHeader("X-Webhook-Secret"),
                ctx.request().getHeader("Authorization"), query.isEmpty() ? null : query.get(0),
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    }

    private static void answer(RoutingContext ctx, WebhookReceiver.Reply reply) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(reply.json());
    }
}
