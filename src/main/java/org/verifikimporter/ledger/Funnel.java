package org.verifikimporter.ledger;

import java.time.Instant;
import java.util.List;
import org.verifikimporter.domain.StatusCategory;

/**
 * Where a run's created validations stand: {@code created} = open + completed + failed + expired.
 *
 * @param lastCheckedAt the latest time Verifik confirmed one of its statuses; null when none was ever checked
 */
public record Funnel(long created, long open, long completed, long failed, long expired, Instant lastCheckedAt) {

    public static Funnel of(List<RunStatus> statuses) {
        long[] counts = new long[StatusCategory.values().length];
        Instant last = null;
        for (RunStatus s : statuses) {
            counts[StatusCategory.of(s.status()).ordinal()]++;
            if (s.checkedAt() != null && (last == null || s.checkedAt().isAfter(last))) {
                last = s.checkedAt();
            }
        }
        return new Funnel(statuses.size(), counts[StatusCategory.OPEN.ordinal()],
                counts[StatusCategory.COMPLETED.ordinal()], counts[StatusCategory.FAILED.ordinal()],
                counts[StatusCategory.EXPIRED.ordinal()], last);
    }
}
