package org.verifikimporter.camel.row;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.job.RowExecution;

/**
 * A {@code choice} test of the row routes: whether the row's next step is this one. The routes name it with
 * the {@code ref} language ({@code ref: nextIsFail}), which looks the bean up once, when the route starts.
 *
 * <p>Why not {@code simple}: {@code ${exchangeProperty.row.next.name()}} is OGNL, which introspects the row
 * and calls its methods reflectively on every evaluation. With four tests before a row to send reaches the
 * call, that was 4 to 7% of the importer's CPU in the overhead scenario, and more code to compile (bench/RESULTS.md).
 */
public final class NextStep implements Predicate {

    private final RowExecution.Step step;

    public NextStep(RowExecution.Step step) {
        this.step = step;
    }

    public RowExecution.Step step() {
        return step;
    }

    @Override
    public boolean matches(Exchange exchange) {
        RowExecution row = RouteKeys.ROW.get(exchange);
        return row != null && row.next() == step;
    }

    @Override
    public String toString() {
        return "next step is " + step;
    }
}
