package org.verifikimporter.camel.call;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.domain.ApiResponses;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.job.ClaimLostException;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;

/**
 * The call route's steps around the HTTP request: the row's SENDING record before it can leave, the
 * message right before it leaves, and the answer right after. Every other header is removed first:
 * camel-http sends each non-Camel header along, and none of ours belongs in a request.
 */
public final class ApiCall {

    private final String authorization;
    private final RunResults results;

    public ApiCall(String token, RunResults results) {
        this.authorization = "Bearer " + token;
        this.results = results;
    }

    /**
     * Before the first attempt: the row's SENDING record, committed before the request can leave, so that
     * after a crash this row is never sent blindly again.
     */
    public void claim(Exchange exchange) {
        if (results.stopped()) {
            throw new NotAttemptedException(results.stopReason());
        }
        RowExecution row = row(exchange);
        if (!row.isSendingRecorded()) {
            row.job().sending(row);
            row.sendingRecorded(Instant.now());
        }
    }

    public void beforeSend(Exchange exchange) {
        if (results.stopped()) {
            // a row that waited for the rate limit while another row hit 401 must not be sent
            throw new NotAttemptedException(results.stopReason());
        }
        if (!row(exchange).job().stillImporter()) {
            // a retry too: the file is another instance's now
            throw new ClaimLostException();
        }
        row(exchange).attemptStarted(Instant.now());
        Message m = exchange.getIn();
        m.removeHeaders("*");
        m.setHeader("Authorization", authorization);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Accept", "application/json");
    }

    public void afterAnswer(Exchange exchange) {
        Message m = exchange.getIn();
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = m.getBody(String.class);
        m.removeHeaders("*");
        CreatedSession session = ApiResponses.created(body)
                .orElseThrow(() -> new AnswerWithoutIdException(status));
        row(exchange).created(session);
    }

    private static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }

    /** A 2xx whose body names no validation: something was probably created, but what is unknown. */
    public static final class AnswerWithoutIdException extends RuntimeException {
        AnswerWithoutIdException(int status) {
            super("Verifik answered " + status + " but the body holds no validation id", null, false, false);
        }
    }
}
