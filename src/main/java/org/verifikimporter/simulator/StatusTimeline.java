package org.verifikimporter.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The status of every validation over time. Each one changes at most once, from {@code new} to the status its
 * {@link StatusOptions} give it, at a time fixed when it is created; that keeps the outcome independent of who
 * asks when. A change happens when its time comes (a timer, so the webhook goes out without anyone reading) or
 * when a read finds the time passed first, whichever is sooner; either way exactly once.
 */
final class StatusTimeline {

    /** A validation's status as one read saw it; {@code changedAt} is null while it is still the create's. */
    record Snapshot(String status, Instant changedAt) {
    }

    /** One status change, for the webhook. */
    record Change(CreatedValidation validation, Snapshot now) {
    }

    private record Transition(String status, Instant at) {
    }

    private final StatusOptions options;
    private final Consumer<Change> onChange;
    private final Map<String, Tracked> byId = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    /** Only when statuses evolve: a simulator with the options off starts no thread for them. */
    private final ScheduledExecutorService timer;

    StatusTimeline(StatusOptions options, Consumer<Change> onChange) {
        this.options = options;
        this.onChange = onChange;
        this.timer = options.evolving() ? newTimer() : null;
    }

    void created(CreatedValidation validation) {
        Tracked tracked = new Tracked(validation, plan(validation));
        byId.put(validation.id(), tracked);
        if (tracked.transition != null && timer != null && !timer.isShutdown()) {
            long delayMs = Math.max(0, Duration.between(Instant.now(), tracked.transition.at()).toMillis());
            // The timer may fire a little before the wall clock reaches the time; it is due then all the same.
            timer.schedule(() -> advance(tracked, tracked.transition.at()), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The validation of that id with its status now, or empty when the simulator created none with it. */
    Optional<Map.Entry<CreatedValidation, Snapshot>> find(String id) {
        Tracked tracked = byId.get(id);
        return tracked == null ? Optional.empty()
                : Optional.of(Map.entry(tracked.validation, advance(tracked, Instant.now())));
    }

    /** The current status of each of these validations (ids the timeline does not know read as {@code new}). */
    Map<String, Snapshot> statusesOf(List<CreatedValidation> validations) {
        Instant now = Instant.now();
        Map<String, Snapshot> result = new ConcurrentHashMap<>();
        for (CreatedValidation validation : validations) {
            Tracked tracked = byId.get(validation.id());
            result.put(validation.id(), tracked == null ? new Snapshot(StatusOptions.NEW, null) : advance(tracked, now));
        }
        return result;
    }

    long changes() {
        return changes.get();
    }

    /** Forgets every validation; a timer still pending for one of them then does nothing. */
    void clear() {
        byId.clear();
        changes.set(0);
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private Snapshot advance(Tracked tracked, Instant now) {
        Snapshot before;
        Snapshot after;
        synchronized (tracked) {
            before = tracked.snapshot;
            Transition transition = tracked.transition;
            if (before.changedAt() == null && transition != null && !now.isBefore(transition.at())) {
                tracked.snapshot = new Snapshot(transition.status(), transition.at());
            }
            after = tracked.snapshot;
        }
        // outside the lock: the webhook only queues, but a listener should never hold up a reader
        if (after != before && byId.get(tracked.validation.id()) == tracked) {
            changes.incrementAndGet();
            onChange.accept(new Change(tracked.validation, after));
        }
        return after;
    }

    /** The one change this validation will make, or null when it stays {@code new}. */
    private Transition plan(CreatedValidation validation) {
        if (!options.evolving()) {
            return null;
        }
        String fate = options.fateOf(validation.identifier());
        Instant settle = validation.createdAt().plus(options.settleAfter());
        Instant expiry = expiresAt(validation)
                .orElse(options.expireAfter() == null ? null : validation.createdAt().plus(options.expireAfter()));
        if (StatusOptions.NEW.equals(fate)) {
            return expiry == null ? null : new Transition(StatusOptions.EXPIRED, expiry);
        }
        if (StatusOptions.EXPIRED.equals(fate)) {
            return new Transition(StatusOptions.EXPIRED, expiry != null && expiry.isBefore(settle) ? expiry : settle);
        }
        // a link that expires before the person gets to it ends expired, whatever they would have done
        return expiry != null && expiry.isBefore(settle)
                ? new Transition(StatusOptions.EXPIRED, expiry)
                : new Transition(fate, settle);
    }

    /** The create's {@code expiresAt} when it reads as a time; a value that does not is ignored, as before. */
    private static Optional<Instant> expiresAt(CreatedValidation validation) {
        String text = validation.body().path("expiresAt").asText("").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notOffset) {
                try {
                    return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notLocal) {
                    return Optional.empty();
                }
            }
        }
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "verifik-simulator-statuses");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static final class Tracked {
        final CreatedValidation validation;
        final Transition transition;
        Snapshot snapshot = new Snapshot(StatusOptions.NEW, null);

        Tracked(CreatedValidation validation, Transition transition) {
            this.validation = validation;
            this.transition = transition;
        }
    }
}
