package org.verifikimporter.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * How the simulator's validations change status after they are created, and where it reports each change.
 * Off by default ({@link #NONE}): every validation then stays {@code new} for ever, as before this existed.
 *
 * <p>Each validation's fate comes from its identifier alone, so a test can compute it with {@link #fateOf(String)}:
 * the identifier's stable position in [0, 1) ({@link #position(String)}) below {@code completeShare} means
 * {@code completed}, below {@code completeShare + failShare} {@code failed}, below the sum of all three shares
 * {@code expired}, and otherwise the validation stays {@code new}. The shares are therefore expected values: 100
 * identifiers at 0.6 give about 60 completed, the exact number being what {@code fateOf} says.
 *
 * @param completeShare share (0..1) of validations that end {@code completed}
 * @param failShare     share that ends {@code failed}
 * @param expireShare   share that ends {@code expired}
 * @param settleAfter   how long after its creation a validation reaches its fate; zero: at once
 * @param expireAfter   when not null, a validation still open this long after its creation and without an
 *                      {@code expiresAt} of its own expires then
 * @param webhookUrl    when not null, every status change is POSTed there as {@code {type, object}}
 */
public record StatusOptions(double completeShare, double failShare, double expireShare, Duration settleAfter,
                            Duration expireAfter, URI webhookUrl) {

    public static final String NEW = "new";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";

    public static final StatusOptions NONE = new StatusOptions(0, 0, 0, Duration.ZERO, null, null);

    public StatusOptions {
        requireShare("completeShare", completeShare);
        requireShare("failShare", failShare);
        requireShare("expireShare", expireShare);
        // a little slack so that 0.6 + 0.1 + 0.3 is not refused for its rounding
        if (completeShare + failShare + expireShare > 1.0 + 1e-9) {
            throw new IllegalArgumentException("completeShare + failShare + expireShare must not exceed 1, got "
                    + (completeShare + failShare + expireShare));
        }
        if (settleAfter == null || settleAfter.isNegative()) {
            throw new IllegalArgumentException("settleAfter must be zero or more, got " + settleAfter);
        }
        if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
            throw new IllegalArgumentException("expireAfter must be more than zero when given, got " + expireAfter);
        }
        if (webhookUrl != null && !isHttpUrl(webhookUrl)) {
            // the URL itself stays out of the message: its query may hold the receiver's secret
            throw new IllegalArgumentException("webhookUrl must be an absolute http:// or https:// URL with a host");
        }
    }

    /** Whether validations change status at all; when not, also a create's {@code expiresAt} is not acted on. */
    public boolean evolving() {
        return completeShare > 0 || failShare > 0 || expireShare > 0 || expireAfter != null;
    }

    /** The status the validation of this identifier ends in, before any expiry by time: see the class comment. */
    public String fateOf(String identifier) {
        double position = position(identifier);
        if (position < completeShare) {
            return COMPLETED;
        }
        if (position < completeShare + failShare) {
            return FAILED;
        }
        if (position < completeShare + failShare + expireShare) {
            return EXPIRED;
        }
        return NEW;
    }

    /** The identifier's place in [0, 1): the first 53 bits of its SHA-256, the same in every JVM and run. */
    public static double position(String identifier) {
        byte[] hash = sha256(identifier == null ? "" : identifier);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        return (bits >>> 11) / (double) (1L << 53);
    }

    /** The webhook URL without its query and fragment, for anything printed: a secret may sit in the query. */
    public String webhookUrlForDisplay() {
        if (webhookUrl == null) {
            return null;
        }
        String path = webhookUrl.getRawPath() == null ? "" : webhookUrl.getRawPath();
        String port = webhookUrl.getPort() < 0 ? "" : ":" + webhookUrl.getPort();
        return webhookUrl.getScheme() + "://" + webhookUrl.getHost() + port + path
                + (webhookUrl.getRawQuery() == null ? "" : "?<redacted>");
    }

    @Override
    public String toString() {
        return "StatusOptions[completeShare=" + completeShare + ", failShare=" + failShare + ", expireShare="
                + expireShare + ", settleAfter=" + settleAfter + ", expireAfter=" + expireAfter + ", webhookUrl="
                + webhookUrlForDisplay() + "]";
    }

    private static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme();
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
