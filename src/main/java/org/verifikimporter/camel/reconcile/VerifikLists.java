package org.verifikimporter.camel.reconcile;

import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.verifikimporter.camel.call.NotAttemptedException;
import org.verifikimporter.reconcile.ListPages;
import org.verifikimporter.track.StatusReads;

/**
 * The reads from Verifik, each a GET through {@code direct:verifik-get}: a call slot, the rate limit and
 * camel-http, like a create, so that Verifik sees one budget for every call (DESIGN section 8). The lookup's
 * pages and a tracking pass's pages and single reads ({@code /v2/biometric-validations/{id}}). A read has
 * no row on its exchange: it never counts as one of a row's attempts.
 */
public final class VerifikLists implements ListPages, StatusReads, CamelContextAware {

    static final String ROUTE = "direct:verifik-get";

    private final String authorization;
    /** Guarded by this. */
    private CamelContext camel;
    /** Guarded by this: made at the first lookup, when Camel is running, and used by every row thread. */
    private ProducerTemplate template;

    public VerifikLists(String token) {
        this.authorization = "Bearer " + token;
    }

    @Override
    public synchronized void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public synchronized CamelContext getCamelContext() {
        return camel;
    }

    /**
     * The route's step right before the GET. camel-http sends every non-Camel header along: only the query
     * and path (a single read's id) the read asked for survive, with the token and Accept.
     */
    public void beforeSend(Exchange exchange) {
        Message m = exchange.getIn();
        String query = m.getHeader(Exchange.HTTP_QUERY, String.class);
        String path = m.getHeader(Exchange.HTTP_PATH, String.class);
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_QUERY, query);
        if (path != null) {
            m.setHeader(Exchange.HTTP_PATH, path);
        }
        m.setHeader("Authorization", authorization);
        m.setHeader("Accept", "application/json");
        m.setBody(null);
    }

    @Override
    public Page list(String query) throws Exception {
        return fetch(query);
    }

    /** {@code GET /v2/biometric-validations/{id}}: the id goes into the path, encoded. */
    @Override
    public Page one(String validationId) throws Exception {
        String path = "/" + java.net.URLEncoder.encode(validationId, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return answerOf(template().send(ROUTE, e -> e.getIn().setHeader(Exchange.HTTP_PATH, path)));
    }

    @Override
    public Page fetch(String query) throws Exception {
        return answerOf(template().send(ROUTE, e -> e.getIn().setHeader(Exchange.HTTP_QUERY, query)));
    }

    private static Page answerOf(Exchange answer) throws Exception {
        Exception error = answer.getException();
        if (error instanceof HttpOperationFailedException http) {
            return new Page(http.getStatusCode(), Objects.requireNonNullElse(http.getResponseBody(), ""));
        }
        if (error instanceof NotAttemptedException) {
            // raised here only by a wait for a slot or the pace that was interrupted: the importer is stopping
            throw new InterruptedException(error.getMessage());
        }
        if (error != null) {
            throw error;
        }
        Message m = answer.getMessage();
        return new Page(m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                Objects.requireNonNullElse(m.getBody(String.class), ""));
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            if (camel == null) {
                throw new IllegalStateException("VerifikLists was given no CamelContext");
            }
            template = camel.createProducerTemplate();
        }
        return template;
    }

    /** After Camel has stopped. */
    public synchronized void close() {
        if (template != null) {
            template.stop();
            template = null;
        }
    }
}
