package org.verifikimporter.ledger;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code importer.rate} as one budget for the token, whichever instance on this PostgreSQL ledger calls: a
 * Bucket4j token bucket in the {@code rate_budget} table, one row per token (keyed by a digest of it). Every
 * call's start takes a token here once the instance's own pace ({@code RateLimit}) let it through.
 *
 * <p>The bucket holds one token ({@code b = 1}) and gains one every {@link #refillPeriodNanos} ({@code p}).
 * A bucket of capacity {@code b} refilled at {@code r} per second lets at most {@code b + r*T} tokens be
 * taken in any window of length {@code T}; tokens are whole, so with {@code b = 1} that is at most
 * {@code 1 + floor(T/p)}. A request reaches the server some time after its token was taken (the
 * database's commit coming back, this thread waking, the request going out, a connection opening), and
 * that time varies by up to a margin {@code m} ({@link #MARGIN_NANOS}): the requests that reach the
 * server within one second took their tokens within {@code 1 s + m}. So at most {@code R}
 * ({@code importer.rate}) in a second at the server needs {@code 1 + floor((1 s + m)/p) <= R}, that is
 * {@code p > (1 s + m)/R}: the refill is {@code r = 1/p}, just under {@code R/(1 s + m)}, 95% of the rate.
 * (The looser {@code b + r*(1 s + m) <= R} would give {@code r = (R - 1)/(1 s + m)}: 76% at the default rate
 * of 5, for nothing, since no window can hold a fraction of a request.) A capacity above one would cost
 * {@code (b - 1)/(1 s + m)} calls per second and only let starts bunch, which gateways answer with 429s:
 * {@code importer.rate-burst} stays a matter of each instance's own pace.
 *
 * <p>A thread reserves its token ({@code consumeIgnoringRateLimits}: the bucket may go below zero) and
 * then waits, here, for its turn: one round trip per call, whatever the number of instances, and threads are
 * served in the order the database's row lock let them in. A thread that wakes too late for its turn
 * ({@link #LATE_WAKE_NANOS}) leaves it unused, since its request would crowd the next ones. When the
 * database cannot be reached or its lock not taken in time, no call goes out: the thread logs the problem
 * once (and every {@link #REPEAT_WARNING_NANOS} while it lasts) and tries again every {@link #RETRY_NANOS},
 * until the database answers or the importer stops. A call going out unthrottled would break the one promise this
 * class makes to Verifik; a call waiting is only slower, and the ledger itself needs the same database.
 */
public final class SharedRateBudget {

    /**
     * How much the time from a token to its request's arrival at the server may vary. Twice the margin of
     * an instance's own window (RateLimit, 25 ms, measured against the simulator), because two more things
     * vary here: the database's commit coming back before the thread starts its request, and each
     * instance's reading of the database's clock (half a round trip); and several instances on one host
     * compete for its cores. 50 ms let 31 into one second at rate 30 (three jar processes, the simulator and
     * PostgreSQL on two loaded cores, ClusterIT); 100 ms is what such a machine's delays were seen to stay
     * within. It costs 9% of the rate.
     */
    static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Bucket4j counts in whole nanoseconds: this much more than the bound keeps its rounding on the safe side. */
    static final long ROUNDING_SLACK_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    /**
     * A call that wakes, or reaches the wire, this much later than its turn does not use it: its request
     * would arrive with the next turns' and crowd their second at the server. The margin has room for it and for the rest of
     * the way to the server. Measured on this two-core machine with a load average of 19 (three instances
     * here, other builds beside them): wakes up to 92 ms late, and 21 starts in one second at rate 20.
     */
    static final long LATE_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * Turns missed in a row before the call goes with the one it has: on a machine too busy to wake a
     * thread within {@link #LATE_WAKE_NANOS} even that often, a call still has to be made some time.
     */
    static final int MAX_MISSED_TURNS = 3;
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long REPEAT_WARNING_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.call");

    private final int rate;
    private final BucketProxy bucket;
    private final DataSource dataSource;
    private final DatabaseClock clock;
    private final ReentrantLock anchoring = new ReentrantLock();
    private final ReentrantLock outageLock = new ReentrantLock();
    /** Written under outageLock; read without it on every call's way through. */
    private volatile boolean down;
    /** Guarded by outageLock: System.nanoTime() the database stopped answering, and of the last warning. */
    private long downSince;
    private long warnedAt;

    /**
     * @param version which instance's configuration the bucket keeps: the highest one written (the instance
     *                started last), so a changed importer.rate applies once an instance starts with it
     */
    SharedRateBudget(ProxyManager<String> buckets, DataSource dataSource, DatabaseClock clock, String token,
                     int rate, long version) {
        if (rate < 1) {
            throw new IllegalArgumentException("a shared budget needs a rate of at least 1");
        }
        this.rate = rate;
        this.dataSource = dataSource;
        this.clock = clock;
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofNanos(refillPeriodNanos(rate))))
                .build();
        // AS_IS: a new configuration keeps the tokens already reserved (a negative balance) instead of
        // forgetting them and letting their owners' requests and as many new ones through together
        this.bucket = buckets.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.AS_IS)
                .build(keyOf(token), () -> configuration);
        LOG.info("importer.rate {}/s is one budget for every instance on this ledger with the same token: one call "
                + "start every {} ms among them all", rate, String.format(java.util.Locale.ROOT, "%.1f",
                refillPeriodNanos(rate) / 1e6));
    }

    /** The time between two tokens ({@code p} above): just over (1 s + margin) / rate. */
    public static long refillPeriodNanos(int rate) {
        return (TimeUnit.SECONDS.toNanos(1) + MARGIN_NANOS) / rate + ROUNDING_SLACK_NANOS;
    }

    /**
     * The bucket's key: a SHA-256 digest of the token, so that instances with the same token share a bucket
     * and neither the database nor a log learns the token. A Verifik token is a long random secret (a
     * signed JWT): its digest cannot be turned back into it.
     */
    static String keyOf(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("verifik-importer rate budget\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Waits until one more call may start within the budget. Holds no lock of the caller's and no database
     * lock while it waits.
     *
     * @return the turn, a {@link System#nanoTime()} value: the call must go out soon after it ({@link #missed})
     * @throws InterruptedException the importer is stopping; the call must not be made
     */
    public long take() throws InterruptedException {
        int missed = 0;
        while (true) {
            long wait;
            try {
                anchorClockIfDue();
                wait = bucket.consumeIgnoringRateLimits(1);
            } catch (RuntimeException | java.sql.SQLException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped while reaching the shared rate budget");
                }
                unreachable(e);
                BlockingStrategy.PARKING.park(RETRY_NANOS);
                continue;
            }
            reachable();
            // counted from the answer, not from the bucket's reading of the clock before it: a slow commit
            // delays every turn alike (no crowding), and counting it would give up every turn of a far database
            long turn = System.nanoTime() + wait;
            if (wait > 0) {
                BlockingStrategy.PARKING.park(wait); // the reserved turn; interruptible
            }
            if (!missed(turn) || ++missed >= MAX_MISSED_TURNS) {
                return turn;
            }
        }
    }

    /** Whether a request going out now is too late for this turn: it would crowd the next turns' second. */
    public boolean missed(long turn) {
        return System.nanoTime() - turn > LATE_WAKE_NANOS;
    }

    /** One thread at a time, and none waits for it: the others go on with the anchor they have. */
    private void anchorClockIfDue() throws java.sql.SQLException {
        if (clock.anchorDue() && anchoring.tryLock()) {
            try {
                if (clock.anchorDue()) {
                    clock.anchor(dataSource);
                }
            } finally {
                anchoring.unlock();
            }
        }
    }

    private void unreachable(Exception e) {
        long now = System.nanoTime();
        outageLock.lock();
        try {
            if (!down) {
                down = true;
                downSince = now;
                warnedAt = now;
                LOG.warn("The shared rate budget (importer.rate for every instance on this ledger) cannot be read "
                        + "from the ledger database: {}. No call starts until it answers; trying again every {} s",
                        LedgerFactory.describe(e), TimeUnit.NANOSECONDS.toSeconds(RETRY_NANOS));
            } else if (now - warnedAt >= REPEAT_WARNING_NANOS) {
                warnedAt = now;
                LOG.warn("The shared rate budget still cannot be read from the ledger database after {} s: {}",
                        TimeUnit.NANOSECONDS.toSeconds(now - downSince), LedgerFactory.describe(e));
            }
        } finally {
            outageLock.unlock();
        }
    }

    private void reachable() {
        if (!down) {
            return;
        }
        outageLock.lock();
        try {
            if (down) {
                down = false;
                LOG.info("The shared rate budget answers again after {} s; calls go on",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSince));
            }
        } finally {
            outageLock.unlock();
        }
    }
}
