package org.verifikimporter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line for log collectors: {@code timestamp}, {@code level}, {@code logger},
 * {@code thread}, {@code message} and, when there is one, {@code exception}, each masked by
 * {@link LogMask}. Key-value pairs of the event are added as fields of their own.
 */
public class JsonLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        field(b, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        b.append(',');
        field(b, "level", event.getLevel().toString());
        b.append(',');
        field(b, "logger", event.getLoggerName());
        b.append(',');
        field(b, "thread", event.getThreadName());
        b.append(',');
        field(b, "message", LogMask.mask(event.getFormattedMessage()));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> {
                b.append(',');
                field(b, String.valueOf(kv.key), LogMask.mask(String.valueOf(kv.value)));
            });
        }
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            b.append(',');
            field(b, "exception", LogMask.mask(ThrowableProxyUtil.asString(t)));
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            mdc.forEach((k, v) -> {
                b.append(',');
                field(b, k, LogMask.mask(v));
            });
        }
        b.append('}').append(CoreConstants.LINE_SEPARATOR);
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        quote(b, name);
        b.append(':');
        quote(b, value);
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
        }
        b.append('"');
    }
}
