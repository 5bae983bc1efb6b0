package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorListQueryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final List<CreatedValidation> all = List.of(
            validation("a", "p1", "f1", T0),
            validation("b", "p1", "f2", T0.plusSeconds(1)),
            validation("c", "p2", "f3", T0.plusSeconds(2)),
            validation("d", "p1", "f1", T0.plusSeconds(2)));

    @Test
    void strictAndInclusiveCreatedAtBounds() {
        assertThat(ids(ListQuery.parse("where%3E_createdAt=2025-01-01T10:00:01Z"))).containsExactly("d", "c");
        assertThat(ids(ListQuery.parse("where%3E%3D_createdAt=2025-01-01T10:00:01Z"))).containsExactly("d", "c", "b");
        assertThat(ids(ListQuery.parse("where%3e%3d_createdAt=2025-01-01T10:00:01.000Z"))).containsExactly("d", "c", "b");
    }

    @Test
    void offsetDateTimesAreAcceptedEvenWithAnUnencodedPlus() {
        assertThat(ids(ListQuery.parse("where%3E_createdAt=2025-01-01T11:00:01+01:00"))).containsExactly("d", "c");
        assertThat(ids(ListQuery.parse("where%3E_createdAt=2025-01-01T11:00:01%2B01:00"))).containsExactly("d", "c");
    }

    @Test
    void sameInstantKeepsNewestCreatedFirst() {
        assertThat(ids(ListQuery.parse(null))).containsExactly("d", "c", "b", "a");
    }

    @Test
    void combinesFilters() {
        assertThat(ids(ListQuery.parse("where_project=p1&where_projectFlow=f1"))).containsExactly("d", "a");
    }

    @Test
    void populatesWithOrWithoutBrackets() {
        assertThat(ListQuery.parse("populates%5B%5D=livenessSession").populateLivenessSession()).isTrue();
        assertThat(ListQuery.parse("populates[]=livenessSession").populateLivenessSession()).isTrue();
        assertThat(ListQuery.parse("populates[]=client").populateLivenessSession()).isFalse();
        assertThat(ListQuery.parse("lean=true&sort=-createdAt").populateLivenessSession()).isFalse();
    }

    @Test
    void rejectsUnusableNumbers() {
        assertThatThrownBy(() -> ListQuery.parse("perPage=abc")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).reply().status()).isEqualTo(400));
        assertThatThrownBy(() -> ListQuery.parse("page=-1")).isInstanceOf(ApiException.class);
    }

    private List<String> ids(ListQuery query) {
        return query.apply(all).docs().stream().map(CreatedValidation::id).toList();
    }

    private static CreatedValidation validation(String id, String project, String flow, Instant createdAt) {
        return new CreatedValidation(id, project, flow, "who-" + id, "login", null,
                SimHttp.JSON.createObjectNode(), createdAt, "s-" + id, "https://example.invalid/" + id);
    }
}
