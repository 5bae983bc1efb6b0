package org.verifikimporter.domain;

import java.util.List;
import java.util.Locale;

/**
 * What a Verifik validation status means to an operations team. Verifik's pages name different statuses
 * ({@code new}, {@code sent}, {@code pending}, {@code validated}, {@code completed}, {@code failed},
 * {@code expired}); the ledger keeps each exactly as it came, and this maps it for the reports. A value not
 * known here is a status too, never an error: it counts as still open, so it is read again.
 */
public enum StatusCategory {
    OPEN, COMPLETED, FAILED, EXPIRED;

    /** The known statuses that end a validation, lower case: a tracking pass reads them no more. */
    public static final List<String> FINAL_STATUSES = List.of("completed", "validated", "failed", "expired");

    public static StatusCategory of(String status) {
        if (status == null) {
            return OPEN;
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "completed", "validated" -> COMPLETED;
            case "failed" -> FAILED;
            case "expired" -> EXPIRED;
            default -> OPEN;
        };
    }

    /** Completed, failed or expired: Verifik changes it no more. */
    public boolean isFinal() {
        return this != OPEN;
    }

    /** As the README and the reports name it: open, completed, failed, expired. */
    public String words() {
        return name().toLowerCase(Locale.ROOT);
    }
}
