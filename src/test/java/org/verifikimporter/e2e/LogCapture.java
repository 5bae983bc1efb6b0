package org.verifikimporter.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Collects everything logged while open, as the operator's log would show it (stack traces included). */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final Logger root;
    private final Map<String, Level> previous = new HashMap<>();

    private LogCapture(boolean everything) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%level %logger - %msg%n%ex");
        encoder.start();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(buffer);
        appender.start();
        root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        if (everything) {
            for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.camel", "verifik.importer",
                    "org.verifikimporter", "org.apache.hc.client5.http")) {
                Logger l = ctx.getLogger(name);
                previous.put(name, l.getLevel());
                l.setLevel(Level.TRACE);
            }
        }
    }

    public static LogCapture start() {
        return new LogCapture(false);
    }

    /** Also turns every logger down to TRACE, to prove secrets stay out of even the noisiest log. */
    public static LogCapture everything() {
        return new LogCapture(true);
    }

    public String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        previous.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
    }
}
