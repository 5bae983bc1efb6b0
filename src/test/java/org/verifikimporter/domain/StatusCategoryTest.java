package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCategoryTest {

    @ParameterizedTest
    @CsvSource({"new,OPEN", "sent,OPEN", "pending,OPEN", "validated,COMPLETED", "completed,COMPLETED",
            "COMPLETED,COMPLETED", "' Validated ',COMPLETED", "failed,FAILED", "Failed,FAILED", "expired,EXPIRED",
            "EXPIRED,EXPIRED", "in_review,OPEN", "'',OPEN"})
    void mapsVerifiksStatusesCaseInsensitively(String status, StatusCategory expected) {
        assertThat(StatusCategory.of(status)).isEqualTo(expected);
    }

    @Test
    void aMissingOrUnknownStatusIsStillOpen() {
        assertThat(StatusCategory.of(null)).isEqualTo(StatusCategory.OPEN);
        assertThat(StatusCategory.of("something-new")).isEqualTo(StatusCategory.OPEN);
        assertThat(StatusCategory.OPEN.isFinal()).isFalse();
    }

    @Test
    void onlyOpenIsNotFinalAndTheFinalListAgrees() {
        assertThat(StatusCategory.COMPLETED.isFinal()).isTrue();
        assertThat(StatusCategory.FAILED.isFinal()).isTrue();
        assertThat(StatusCategory.EXPIRED.isFinal()).isTrue();
        assertThat(StatusCategory.FINAL_STATUSES).allSatisfy(s -> assertThat(StatusCategory.of(s).isFinal()).isTrue());
        assertThat(StatusCategory.COMPLETED.words()).isEqualTo("completed");
    }
}
