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
 */
public record SimulatorStats(long posts, long created, int maxPostsInAnyOneSecondWindow, long duplicateIdentifiers,
        long gatewayAccepted, long gatewayRejected) {

    /** The figures of a simulator without a gateway, as they were before it had one. */
    public SimulatorStats(long posts, long created, int maxPostsInAnyOneSecondWindow, long duplicateIdentifiers) {
        this(posts, created, maxPostsInAnyOneSecondWindow, duplicateIdentifiers, 0, 0);
    }
}
