package org.verifikimporter.camel;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/**
 * The inbox consumer's poll strategy: in {@code run}, the end of the one poll (every file it took
 * processed, or none found) ends the run, whatever became of each file. Without it the run waited for
 * the poll's last file, which never comes when the consumer skips that file before the route sees it
 * (still being written past the read-lock timeout, removed meanwhile, a lock it cannot take).
 */
public final class PollEnd extends DefaultPollingConsumerPollStrategy {

    private final Runnable onEnd;

    public PollEnd(Runnable onEnd) {
        this.onEnd = onEnd;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        onEnd.run();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) throws Exception {
        boolean retry = super.rollback(consumer, endpoint, retryCounter, e);
        onEnd.run();
        return retry;
    }
}
