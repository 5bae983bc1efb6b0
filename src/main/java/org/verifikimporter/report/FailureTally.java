package org.verifikimporter.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.UnknownCause;

/**
 * The failed rows of one import per error code: the counts summary.json gives and the detail report.html
 * shows. Not thread-safe: {@link FileReport} adds to it under its own lock.
 */
final class FailureTally {

    /** How many row numbers of each failure code report.html lists. */
    static final int FIRST_ROWS = 5;

    private final Map<String, CodeTally> codes = new TreeMap<>();
    private long retryable;

    void add(long rowNumber, RowFailure failure) {
        codes.computeIfAbsent(failure.code(), c -> new CodeTally()).add(rowNumber, failure);
        if (failure.retryable()) {
            retryable++;
        }
    }

    /** Error code to count, in the order of the codes. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        codes.forEach((code, tally) -> counts.put(code, tally.count));
        return counts;
    }

    /** Failed rows a re-drop as they are can create. */
    long retryable() {
        return retryable;
    }

    Map<String, FileReport.CodeDetail> details() {
        Map<String, FileReport.CodeDetail> details = new TreeMap<>();
        codes.forEach((code, tally) -> details.put(code, tally.detail(code)));
        return details;
    }

    private static final class CodeTally {
        long count;
        long retryable;
        Integer httpStatus;
        /** the smallest row numbers seen; rows finish out of order */
        final TreeSet<Long> firstRows = new TreeSet<>();
        /** OUTCOME_UNKNOWN: what happened to its rows, as their messages say */
        final Map<UnknownCause, Long> causes = new EnumMap<>(UnknownCause.class);

        void add(long rowNumber, RowFailure failure) {
            count++;
            if (ErrorCode.OUTCOME_UNKNOWN.name().equals(failure.code())) {
                UnknownCause cause = UnknownCause.of(failure.message());
                if (cause != null) {
                    causes.merge(cause, 1L, Long::sum);
                }
            }
            if (failure.retryable()) {
                retryable++;
            }
            if (httpStatus == null) {
                httpStatus = failure.httpStatus();
            }
            firstRows.add(rowNumber);
            if (firstRows.size() > FIRST_ROWS) {
                firstRows.pollLast();
            }
        }

        FileReport.CodeDetail detail(String code) {
            return new FileReport.CodeDetail(code, count, retryable, httpStatus, List.copyOf(firstRows),
                    Collections.unmodifiableMap(new EnumMap<>(causes)));
        }
    }
}
