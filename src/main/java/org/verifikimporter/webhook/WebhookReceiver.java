package org.verifikimporter.webhook;

import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.RunOfValidation;
import org.verifikimporter.ledger.ValidationStatusRepository;
import org.verifikimporter.report.StatusFile;
import org.verifikimporter.ledger.ValidationStatusRepository.Applied;

/**
 * What {@code POST /webhooks/verifik} answers, whatever serves it. Verifik signs nothing and cannot be asked to
 * send a header, so the operator's secret may come in {@code X-Webhook-Secret}, in {@code Authorization: Bearer},
 * or as {@code ?secret=} in the URL registered at Verifik. Answers are short JSON bodies: never a stack trace,
 * never the secret, never the body sent. Logs name validations by id only.
 */
public final class WebhookReceiver {

    /** Where Verifik is told to deliver. */
    public static final String PATH = "/webhooks/verifik";
    /** A validation object is a few KiB; a larger body is not Verifik's. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.webhook");

    /** One answer: the HTTP status and its JSON body. */
    public record Reply(int status, String json) {
        static Reply of(int status, String field, String text) {
            return new Reply(status, "{\"" + field + "\":\"" + text + "\"}");
        }
    }

    /** What one call brought; each secret source null when absent. */
    public record Call(String secretHeader, String authorization, String querySecret, byte[] body) {
    }

    /** Records a status; {@link ValidationStatusRepository#apply} in production. */
    @FunctionalInterface
    public interface Statuses {
        Applied apply(String validationId, String status, java.time.Instant at);
    }

    static final Reply UNAUTHORIZED = Reply.of(401, "error", "missing or wrong secret");
    static final Reply TOO_LARGE = Reply.of(400, "error", "the body is larger than " + MAX_BODY_BYTES + " bytes");

    private final SecretCheck secret;
    private final Statuses statuses;
    private final Clock clock;
    /** Told of each validation whose status changed (its id), e.g. to rewrite its run's status.csv. */
    private final Consumer<String> changed;

    public WebhookReceiver(String secret, Statuses statuses, Clock clock, Consumer<String> changed) {
        this.secret = new SecretCheck(secret);
        this.statuses = statuses;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * In {@code watch}: statuses go to the ledger, and a change rewrites its run's status.csv (and the funnel of
     * report.html), one event at a time so that a file written from an older read never replaces a newer one.
     */
    public static WebhookReceiver ofLedger(String secret, Ledger ledger, Clock clock) {
        ValidationStatusRepository repository = new ValidationStatusRepository(ledger);
        RunOfValidation runs = new RunOfValidation(ledger);
        Object oneAtATime = new Object();
        return new WebhookReceiver(secret, (id, status, at) -> repository.apply(id, status, at, "webhook"), clock,
                id -> runs.of(id).ifPresent(run -> {
                    synchronized (oneAtATime) {
                        StatusFile.rewrite(run.reportDir(), repository.statusesOfRun(run.runId()));
                    }
                }));
    }

    /** A body over {@link #MAX_BODY_BYTES}, cut off before it was read whole. */
    public Reply tooLarge() {
        LOG.warn("webhook: refused a body larger than {} bytes", MAX_BODY_BYTES);
        return TOO_LARGE;
    }

    public Reply handle(Call call) {
        if (!authorized(call)) {
            // no address, no header: the log says that it happened; the caller learns nothing more
            LOG.warn("webhook: refused a call without the right secret");
            return UNAUTHORIZED;
        }
        if (call.body() != null && call.body().length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        WebhookEvent event;
        try {
            event = WebhookEvent.parse(call.body() == null ? new byte[0] : call.body());
        } catch (WebhookEvent.BadEvent e) {
            LOG.warn("webhook: refused a body: {}", e.getMessage());
            return Reply.of(400, "error", e.getMessage());
        }
        if (event.status() == null) {
            LOG.debug("webhook: an event of validation {} with no status; ignored", event.validationId());
            return new Reply(202, "{\"result\":\"ignored\",\"reason\":\"no status in this event\"}");
        }
        Applied applied;
        try {
            applied = statuses.apply(event.validationId(), event.status(), clock.instant());
        } catch (RuntimeException e) {
            // the ledger is unreachable or refused: Verifik retries a delivery that did not succeed
            LOG.error("webhook: the status of validation {} could not be recorded: {}", event.validationId(),
                    e.getMessage());
            return Reply.of(503, "error", "the ledger is unavailable; try again later");
        }
        switch (applied) {
            case UNKNOWN_ID:
                LOG.info("webhook: validation {} is not in the ledger; ignored", event.validationId());
                return new Reply(202, "{\"result\":\"ignored\",\"reason\":\"unknown validation id\"}");
            case CHANGED:
                LOG.info("webhook: validation {} is now {}", event.validationId(), event.status());
                try {
                    changed.accept(event.validationId());
                } catch (RuntimeException e) {
                    LOG.warn("webhook: validation {} recorded, its reports not rewritten: {}", event.validationId(),
                            e.getMessage());
                }
                return Reply.of(202, "result", "changed");
            default:
                LOG.debug("webhook: validation {} is still {}", event.validationId(), event.status());
                return Reply.of(202, "result", "unchanged");
        }
    }

    private boolean authorized(Call call) {
        String auth = call.authorization();
        String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        // every source is compared, so that which one carried it changes nothing in the time taken
        boolean header = secret.matches(call.secretHeader());
        boolean token = secret.matches(bearer);
        boolean query = secret.matches(call.querySecret());
        return header | token | query;
    }
}
