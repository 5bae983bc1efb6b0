package org.verifikimporter.camel;

import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.verifikimporter.camel.call.ApiCall;
import org.verifikimporter.camel.call.CallFailures;
import org.verifikimporter.camel.call.CallSlots;
import org.verifikimporter.camel.call.RateLimit;
import org.verifikimporter.camel.file.CsvRowConverter;
import org.verifikimporter.camel.file.FileSteps;
import org.verifikimporter.camel.inbox.InboxFilter;
import org.verifikimporter.camel.inbox.InboxPollStrategy;
import org.verifikimporter.camel.inbox.InboxScheduler;
import org.verifikimporter.camel.reconcile.ReconcileSteps;
import org.verifikimporter.camel.row.RowSteps;
import org.verifikimporter.job.FileExecution;
import org.verifikimporter.job.RowExecution;

/**
 * Every name the YAML routes share with Java: the two exchange properties (one typed object per file, one
 * per row) and the beans the routes call. RouteKeysTest fails on any name in a route file that is not
 * declared here, and on any bean method or property accessor a route names that the type lacks.
 */
public final class RouteKeys {

    private RouteKeys() {
    }

    /** The exchange properties the routes read ({@code ${exchangeProperty.file...}}, {@code ${exchangeProperty.row...}}). */
    public enum Property {
        /** Set by the file route's preflight, for the whole file. */
        FILE("file", FileExecution.class),
        /** Set by the row route's first step, for one row (a split exchange). */
        ROW("row", RowExecution.class);

        private final String key;
        private final Class<?> type;

        Property(String key, Class<?> type) {
            this.key = key;
            this.type = type;
        }

        public String key() {
            return key;
        }

        public Class<?> type() {
            return type;
        }

        public <T> T get(Exchange exchange, Class<T> as) {
            return exchange.getProperty(key, as);
        }

        public void set(Exchange exchange, Object value) {
            exchange.setProperty(key, type.cast(value));
        }
    }

    /** The beans the routes call or name ({@code ref:}, {@code #name} in a URI), with the type each must have. */
    public enum Bean {
        INBOX_FILTER("inboxFilter", InboxFilter.class),
        INBOX_POLL_STRATEGY("inboxPollStrategy", InboxPollStrategy.class),
        INBOX_SCHEDULER("inboxScheduler", InboxScheduler.class),
        FILES("files", FileSteps.class),
        CSV_ROW_CONVERTER("csvRowConverter", CsvRowConverter.class),
        ROW_POOL("rowPool", ExecutorService.class),
        ROWS("rows", RowSteps.class),
        RECONCILE("reconcile", ReconcileSteps.class),
        CALL_SLOTS("callSlots", CallSlots.class),
        API_CALL("apiCall", ApiCall.class),
        RATE_LIMIT("rateLimit", RateLimit.class),
        CALL_FAILURES("callFailures", CallFailures.class);

        private final String key;
        private final Class<?> type;

        Bean(String key, Class<?> type) {
            this.key = key;
            this.type = type;
        }

        public String key() {
            return key;
        }

        public Class<?> type() {
            return type;
        }

        /** {@code #name}, as a URI option or a component setting refers to the bean. */
        public String ref() {
            return "#" + key;
        }
    }
}
