package org.verifikimporter.camel;

import org.apache.camel.Exchange;

/**
 * A name the YAML routes share with Java, with the type of what it names: an exchange property
 * ({@code ${exchangeProperty.row...}}) or a bean ({@code ref: rows}, {@code #rateLimit}).
 */
public record RouteKey<T>(String name, Class<T> type) {

    /** The exchange property of this name. */
    public T get(Exchange exchange) {
        return exchange.getProperty(name, type);
    }

    public void set(Exchange exchange, T value) {
        exchange.setProperty(name, value);
    }

    /** {@code #name}, as a URI option or a component setting refers to a bean. */
    public String ref() {
        return "#" + name;
    }
}
