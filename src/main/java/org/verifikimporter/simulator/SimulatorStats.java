package org.verifikimporter.simulator;

/**
 * Figures a test or an operator checks a client against.
 *
 * @param posts                        create calls received, whatever was answered (dropped ones included)
 * @param created                      validations created
 * @param maxPostsInAnyOneSecondWindow the most create calls received within any one second: what the client's
 *                                     throttle let through
 * @param duplicateIdentifiers         identifiers for which more than one validation was created
 * @param gatewayAccepted              API requests (any method) the gateway let through; 0 when it is off
 * @param gatewayRejected              API requests the gateway answered 429; 0 when it is off
 * @param statusChanges                validations whose status changed (each changes at most once)
 * @param webhooksDelivered            status change events a webhook receiver answered 2xx
 * @param webhooksFailed               events given up after every attempt got no 2xx answer
 */
public record SimulatorStats(long posts, long created, int maxPostsInAnyOneSecondWindow, long duplicateIdentifiers,
        long gatewayAccepted, long gatewayRejected, long statusChanges, long webhooksDelivered, long webhooksFailed) {

    /** The figures of a simulator whose validations do not change status. */
    public SimulatorStats(long posts, long created, int maxPostsInAnyOneSecondWindow, long duplicateIdentifiers,
            long gatewayAccepted, long gatewayRejected) {
        this(posts, created, maxPostsInAnyOneSecondWindow, duplicateIdentifiers, gatewayAccepted, gatewayRejected,
                0, 0, 0);
    }

    /** The figures of a simulator without a gateway, as they were before it had one. */
    public SimulatorStats(long posts, long created, int maxPostsInAnyOneSecondWindow, long duplicateIdentifiers) {
        this(posts, created, maxPostsInAnyOneSecondWindow, duplicateIdentifiers, 0, 0);
    }
}
