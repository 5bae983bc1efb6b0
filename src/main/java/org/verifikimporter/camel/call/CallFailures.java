package org.verifikimporter.camel.call;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.domain.CallError;
import org.verifikimporter.domain.CallPolicy;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.ErrorText;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.job.ClaimLostException;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;

/**
 * The bridge between Camel's redelivery and {@link CallPolicy}: runs when a row's call fails, decides
 * retry/fail/stop, sets the redelivery delay (backoff or Retry-After) and the row's failure and next step.
 *
 * @param pace    told of every 429, which slows (or, with Retry-After, holds) every call
 * @param lookups whether a row sent without a usable answer is looked up in Verifik (reconcile)
 */
public record CallFailures(CallPolicy policy, RunResults results, RateLimit pace, boolean lookups)
        implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.call");

    /** onExceptionOccurred: runs before Camel asks {@link #retry} and before it computes the delay. */
    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        RowExecution row = RouteKeys.ROW.get(exchange);
        int attempts = row.attempts();
        if (error instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
            row.answeredRateLimited();
        }
        CallPolicy.Decision decision = decide(error, attempts, row.rateLimited(), row.failureIfNotRetried());
        row.decided(decision);
        if (decision instanceof CallPolicy.Retry retry) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, retry.delay().toMillis());
            LOG.debug("{} row {}: attempt {} failed ({}); retrying in {} ms", row.shownFile(), row.rowNumber(),
                    attempts, ErrorText.describe(error), retry.delay().toMillis());
        } else if (decision instanceof CallPolicy.Fail fail) {
            // sent, then no usable answer: Verifik may be asked later whether it was created
            if (lookups && attempts > 0 && ErrorCode.OUTCOME_UNKNOWN.name().equals(fail.failure().code())
                    && row.sentAt() != null) {
                row.lookUp(fail.failure());
            } else {
                row.fail(fail.failure());
            }
        } else if (decision instanceof CallPolicy.StopRun stop) {
            row.fail(stop.failure());
            if (results.stop(stop.reason())) {
                LOG.error("Stopping the run: {}", stop.reason());
            }
        }
    }

    /**
     * Right after an answer, while its call slot is still held, so that the next call already sees it: a
     * 401/402/403 stops the run; a 429 slows the pace of every call, or with Retry-After holds them all. The
     * same for a create and for a page of a lookup (an exchange with no row): both spend the one budget.
     */
    public void seeAnswer(Exchange exchange) {
        if (!(exchange.getException() instanceof HttpOperationFailedException http)) {
            return;
        }
        if (http.getStatusCode() == 429) {
            Duration retryAfter = policy.retryAfter(header(http.getResponseHeaders(), "Retry-After"));
            if (retryAfter == null) {
                pace.slowDown();
            } else {
                pace.pauseFor(retryAfter);
            }
        } else if (decide(http, 1, 0, null) instanceof CallPolicy.StopRun stop && results.stop(stop.reason())) {
            LOG.error("Stopping the run: {}", stop.reason());
        }
    }

    /** retryWhile: replaces maximumRedeliveries; the policy already counted the attempts. */
    public boolean retry(Exchange exchange) {
        return RouteKeys.ROW.get(exchange).decision() instanceof CallPolicy.Retry;
    }

    CallPolicy.Decision decide(Throwable error, int attempts, int rateLimited, RowFailure failureIfNotRetried) {
        if (error instanceof NotAttemptedException || error instanceof ClaimLostException) {
            return new CallPolicy.Fail(attempts > 0 && failureIfNotRetried != null
                    ? failureIfNotRetried
                    : RowExecution.notAttempted(error.getMessage()));
        }
        if (error instanceof ApiCall.AnswerWithoutIdException) {
            return new CallPolicy.Fail(RowFailure.of(ErrorCode.OUTCOME_UNKNOWN, error.getMessage()
                    + "; check in Verifik whether the validation exists before sending the row again"));
        }
        if (error instanceof HttpOperationFailedException http) {
            return policy.decide(CallError.http(http.getStatusCode(), http.getResponseBody(),
                    header(http.getResponseHeaders(), "Retry-After")), attempts, rateLimited);
        }
        if (attempts == 0) {
            // failed before anything was sent: an importer fault, not Verifik's answer
            LOG.warn("A row failed before its call: {}", ErrorText.describe(error), error);
            return new CallPolicy.Fail(RowFailure.of(ErrorCode.NOT_ATTEMPTED,
                    "internal error before the call (" + ErrorText.describe(error) + "); the row was not sent"));
        }
        if (neverSent(error)) {
            return policy.decide(CallError.notSent(ErrorText.describe(ErrorText.rootCause(error))), attempts,
                    rateLimited);
        }
        return policy.decide(CallError.noAnswer(ErrorText.describe(ErrorText.rootCause(error))), attempts);
    }

    /** Connection refused, connect timeout, unknown host, no free pooled connection: nothing reached Verifik. */
    static boolean neverSent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof org.apache.hc.client5.http.ConnectTimeoutException
                    || t.getClass().getSimpleName().equals("ConnectionRequestTimeoutException")) {
                return true;
            }
            if (!(t instanceof IOException) && t.getCause() == null) {
                return false;
            }
        }
        return false;
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
