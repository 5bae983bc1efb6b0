package org.verifikimporter.simulator;

/**
 * Thrown out of the HTTP handler to make the JDK server close the connection without writing a response, which is
 * what a client sees when a load balancer or a crashing server drops it.
 */
final class ConnectionDrop extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConnectionDrop(String reason) {
        super(reason, null, false, false);
    }
}
