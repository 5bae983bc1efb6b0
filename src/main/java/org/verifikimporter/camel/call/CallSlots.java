package org.verifikimporter.camel.call;

import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;

/**
 * At most {@code importer.concurrency} calls in flight. There are more row threads than that, so rows
 * can be read, mapped, reported or wait out a retry's backoff while others hold the slots.
 *
 * <p>The slot covers the row's SENDING record, the rate limit and the request. So a crash leaves at most
 * {@code importer.concurrency} rows SENDING (each reported OUTCOME_UNKNOWN unless the lookup finds it).
 * Each retry takes a slot again.
 */
public final class CallSlots implements Policy {

    private final int concurrency;
    private final Semaphore slots;
    private final Consumer<Exchange> beforeRelease;

    /**
     * @param beforeRelease sees each answer before the slot goes to the next row (a stop-the-run answer
     *                      must stop the run before another call can start)
     */
    public CallSlots(int concurrency, Consumer<Exchange> beforeRelease) {
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency, true);
        this.beforeRelease = beforeRelease;
    }

    /** Calls holding a slot now (the calls-in-flight gauge). */
    public int inUse() {
        return concurrency - slots.availablePermits();
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotAttemptedException("the importer is shutting down");
            }
            try {
                processor.process(exchange);
                beforeRelease.accept(exchange);
            } finally {
                slots.release();
            }
        };
    }
}
