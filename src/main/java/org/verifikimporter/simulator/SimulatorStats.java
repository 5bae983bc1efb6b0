package org.verifikimporter.simulator;

/**
 * Figures a test or an operator checks a client against.
 *
 * @param posts                        create calls received, whatever was answered (dropped ones included)
 * @param created                      validations created
 * @param maxPostsInAnyOneSecondWindow the most create calls received within any one second: what the client's
 *                                     throttle let through
 * @param duplicateIdentifiers         identifiers for which more than one validation was created
 */
public record SimulatorStats(long posts, long created, int maxPostsInAnyOneSecondWindow, long duplicateIdentifiers) {
}
