package org.verifikimporter.camel.call;

import org.verifikimporter.ledger.SharedRateBudget;

/**
 * A call's turn in the budget this instance shares with the others on its PostgreSQL ledger, from the moment
 * {@link RateLimit} lets the call through until its request goes on the wire. Each call thread holds at most
 * one turn; the pause is RateLimit's (a Retry-After this instance got).
 */
final class SharedTurns {

    /** Waits out a Retry-After pause if one is on; true if there was one. */
    interface Pause {
        boolean waitedOut() throws InterruptedException;
    }

    private final SharedRateBudget budget;
    private final Pause pause;
    /** This thread's turn (System.nanoTime), until its request goes out or the call ends. */
    private final ThreadLocal<Long> turn = new ThreadLocal<>();

    SharedTurns(SharedRateBudget budget, Pause pause) {
        this.budget = budget;
        this.pause = pause;
    }

    /** Waits for this thread's turn. */
    void take() {
        try {
            long t;
            do {
                t = budget.take();
            } while (pause.waitedOut()); // a Retry-After that came during the wait: that turn goes unused
            turn.set(t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAttemptedException("the importer is shutting down");
        }
    }

    /**
     * As the request goes on the wire: one that comes long after its turn (its connection was slow to open,
     * the code ran cold) takes a new turn first, since sent now it would reach the server together with the
     * next turns' requests.
     */
    void onTheWire() {
        Long t = turn.get();
        if (t == null) {
            return;
        }
        turn.remove();
        if (budget.missed(t)) {
            take();
            turn.remove();
        }
    }

    /** The call ended without its request going out (or after it did): its turn, if any, is forgotten. */
    void forget() {
        turn.remove();
    }
}
