package org.verifikimporter.camel.call;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.domain.ErrorText;
import org.verifikimporter.metrics.ImporterMetrics;

/**
 * Counts each call to Verifik by the HTTP status it got, as its call slot is let go ({@link CallSlots}'s
 * after-answer hook): creates and the lookup's GETs alike, each attempt once. A call that got no answer
 * (refused, reset, timed out) counts with no status; a row stopped before its request (the run stopped, the
 * ledger failed) made no call and is not counted.
 */
public final class CallsByStatus implements Consumer<Exchange> {

    private final ImporterMetrics metrics;

    public CallsByStatus(ImporterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void accept(Exchange exchange) {
        if (!metrics.on()) {
            return;
        }
        // a lookup's page is an exchange of its own, with no row
        boolean lookup = RouteKeys.ROW.get(exchange) == null;
        Exception error = exchange.getException();
        if (error == null) {
            Integer status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status != null) {
                metrics.callAnswered(lookup, status);
            }
        } else if (error instanceof HttpOperationFailedException http) {
            metrics.callAnswered(lookup, http.getStatusCode());
        } else if (!(error instanceof NotAttemptedException) && ErrorText.causedBy(error, IOException.class)) {
            metrics.callAnswered(lookup, 0);
        }
    }
}
