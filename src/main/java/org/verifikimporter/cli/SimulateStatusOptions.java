package org.verifikimporter.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.verifikimporter.simulator.StatusOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of {@code simulate} that make its validations change status, a mixin so the command stays short. */
final class SimulateStatusOptions {

    @Option(names = "--complete-share", defaultValue = "0", paramLabel = "F",
            description = "Share 0..1 of validations that end 'completed', chosen by a stable hash of the identifier "
                    + "(default: ${DEFAULT-VALUE}).")
    double completeShare;

    @Option(names = "--fail-share", defaultValue = "0", paramLabel = "F",
            description = "Share 0..1 that ends 'failed', the next slice of the same hash (default: ${DEFAULT-VALUE}).")
    double failShare;

    @Option(names = "--expire-share", defaultValue = "0", paramLabel = "F",
            description = "Share 0..1 that ends 'expired', the next slice; the rest stay 'new' (default: "
                    + "${DEFAULT-VALUE}). With any share or --expire-after set, a create's expiresAt is acted on too.")
    double expireShare;

    @Option(names = "--settle-after", defaultValue = "0s", paramLabel = "DURATION",
            description = "How long after its creation a validation reaches its status, e.g. 0s, 500ms, 30s, 5m, 2h "
                    + "(default: ${DEFAULT-VALUE}: at once).", converter = DurationConverter.class)
    Duration settleAfter;

    @Option(names = "--expire-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Validations still open this long after creation, and created without an expiresAt, "
                    + "expire then (default: never).")
    Duration expireAfter;

    // The value is never printed back: the operator's URL may carry the receiver's secret in its query.
    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "POST {\"type\":\"biometric_validation_<status>\",\"object\":{...}} here on every status "
                    + "change, retried a few times on no 2xx answer; counted in /_simulator/stats.")
    String webhookUrl;

    /** @throws IllegalArgumentException naming the option the user typed */
    StatusOptions toStatusOptions() {
        OptionChecks.requireRate("--complete-share", completeShare);
        OptionChecks.requireRate("--fail-share", failShare);
        OptionChecks.requireRate("--expire-share", expireShare);
        if (completeShare + failShare + expireShare > 1.0 + 1e-9) {
            throw new IllegalArgumentException("--complete-share, --fail-share and --expire-share must add up to "
                    + "at most 1, got " + (completeShare + failShare + expireShare));
        }
        if (expireAfter != null && expireAfter.isZero()) {
            throw new IllegalArgumentException("--expire-after must be more than 0");
        }
        URI url = null;
        if (webhookUrl != null) {
            try {
                url = new URI(webhookUrl.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--webhook-url is not a URL");
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("--webhook-url must be an http:// or https:// URL with a host");
            }
        }
        return new StatusOptions(completeShare, failShare, expireShare, settleAfter, expireAfter, url);
    }

    /** The start line about statuses, or null when they do not change; the webhook's query is never shown. */
    static String describe(StatusOptions options) {
        if (!options.evolving()) {
            return null;
        }
        String line = String.format(Locale.ROOT, "Statuses change: %.0f%% completed, %.0f%% failed, %.0f%% expired "
                        + "(by a hash of the identifier) %s after creation%s; expiresAt is acted on; "
                        + "GET /_simulator/validations lists them.",
                options.completeShare() * 100, options.failShare() * 100, options.expireShare() * 100,
                options.settleAfter(), options.expireAfter() == null ? ""
                        : ", the open ones expire " + options.expireAfter() + " after creation");
        return options.webhookUrl() == null ? line : line + " Webhook: " + options.webhookUrlForDisplay();
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, a bare number of seconds, or ISO {@code PT30S}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("p")) {
                    return nonNegative(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
                }
                if (text.endsWith("ms")) {
                    return nonNegative(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))), value);
                }
                char unit = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
                String number = Character.isDigit(unit) ? text : text.substring(0, text.length() - 1);
                long amount = Long.parseLong(number.trim());
                Duration duration = switch (unit) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> {
                        if (!Character.isDigit(unit)) {
                            throw new NumberFormatException(value);
                        }
                        yield Duration.ofSeconds(amount);
                    }
                };
                return nonNegative(duration, value);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s, 5m, 2h or 1d");
            }
        }

        private static Duration nonNegative(Duration duration, String value) {
            if (duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' must not be negative");
            }
            return duration;
        }
    }
}
