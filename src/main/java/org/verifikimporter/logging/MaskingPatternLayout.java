package org.verifikimporter.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** logback's pattern layout, with every formatted line (stack trace included) passed through {@link LogMask}. */
public class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogMask.mask(super.doLayout(event));
    }
}
