package org.verifikimporter.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Switches the console log between the text lines of logback.xml and JSON lines
 * ({@code importer.log-format}, {@code --log-format}), and registers the secrets {@link LogMask} removes.
 */
public final class LogSetup {

    public static final String APPENDER = "STDERR";
    public static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

    public enum Format { TEXT, JSON }

    private LogSetup() {
    }

    public static Format parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** Points the console appender at the given format; does nothing when logback is not the backend. */
    public static synchronized void apply(Format format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        Appender<ILoggingEvent> a = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        if (!(a instanceof OutputStreamAppender<ILoggingEvent> appender)) {
            return;
        }
        if (appender.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> current
                && (format == Format.JSON) == (current.getLayout() instanceof JsonLayout)) {
            return;
        }
        Layout<ILoggingEvent> layout;
        if (format == Format.JSON) {
            layout = new JsonLayout();
        } else {
            MaskingPatternLayout text = new MaskingPatternLayout();
            text.setPattern(TEXT_PATTERN);
            layout = text;
        }
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        // a plain field swap: each event is encoded by whichever encoder it finds, whole
        appender.setEncoder(encoder);
    }
}
