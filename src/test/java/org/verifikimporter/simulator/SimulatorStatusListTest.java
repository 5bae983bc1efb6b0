package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.simulator.SimHttp.json;
import static org.verifikimporter.simulator.SimHttp.validBody;
import static org.verifikimporter.simulator.SimulatorStatusTest.created;
import static org.verifikimporter.simulator.SimulatorStatusTest.identifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The list's status filters, sort and paging over validations whose statuses have changed. */
class SimulatorStatusListTest {

    private static final int PEOPLE = 250;
    private static VerifikSimulator simulator;
    private static SimHttp http;
    /** Ids in creation order, and each one's expected status, by the same index. */
    private static final List<String> ids = new ArrayList<>();
    private static final List<String> expected = new ArrayList<>();

    @BeforeAll
    static void createMany() {
        simulator = SimulatorStatusTest.start(SimHttp.options().completeShare(0.6).failShare(0.1).expireShare(0.1));
        http = new SimHttp(simulator);
        for (int i = 0; i < PEOPLE; i++) {
            ids.add(created(http.post(validBody().put("identifier", identifier(i)))));
            expected.add(simulator.fateOf(identifier(i)));
        }
    }

    @AfterAll
    static void stop() {
        simulator.stop();
    }

    @Test
    void whereStatusListsExactlyThoseWithThatStatusNow() {
        for (String status : List.of("new", "completed", "failed", "expired")) {
            JsonNode data = json(http.get("/v2/biometric-validations?perPage=100&where_status=" + status)).get("data");

            assertThat(data.get("total").asInt()).as(status).isEqualTo(expectedIds(Set.of(status)).size());
            data.get("docs").forEach(doc -> assertThat(doc.get("status").asText()).isEqualTo(status));
        }
    }

    @Test
    void inStatusTakesSeveralValuesInEitherSpelling() {
        JsonNode encoded = json(http.get("/v2/biometric-validations?perPage=100"
                + "&in_status%5B%5D=failed&in_status%5B%5D=expired")).get("data");
        JsonNode plain = json(http.get("/v2/biometric-validations?perPage=100"
                + "&in_status[]=failed&in_status[]=expired")).get("data");

        assertThat(docIds(encoded)).containsExactlyElementsOf(newestFirst(expectedIds(Set.of("failed", "expired"))));
        assertThat(docIds(plain)).isEqualTo(docIds(encoded));
    }

    @Test
    void pagesOfAFilteredListCoverItOnceEach() {
        List<String> seen = new ArrayList<>();
        JsonNode first = json(http.get("/v2/biometric-validations?where_status=completed&perPage=100&page=1"))
                .get("data");
        int pages = first.get("pages").asInt();
        seen.addAll(docIds(first));
        for (int page = 2; page <= pages; page++) {
            seen.addAll(docIds(json(http.get("/v2/biometric-validations?where_status=completed&perPage=100&page="
                    + page)).get("data")));
        }

        List<String> completed = expectedIds(Set.of("completed"));
        assertThat(pages).isEqualTo((completed.size() + 99) / 100);
        assertThat(seen).containsExactlyElementsOf(newestFirst(completed));
    }

    @Test
    void sortAscendingGivesCreationOrderAndDescendingTheReverse() {
        List<String> ascending = allPages("sort=createdAt");
        List<String> descending = allPages("sort=-createdAt");

        assertThat(ascending).containsExactlyElementsOf(ids);
        assertThat(descending).containsExactlyElementsOf(newestFirst(ids));
        assertThat(allPages("")).isEqualTo(descending);
    }

    @Test
    void statusFilterCombinesWithCreatedAtAndProject() {
        String since = URLEncoder.encode(simulator.validations().get(0).createdAt().toString(), StandardCharsets.UTF_8);

        JsonNode sameProject = json(http.get("/v2/biometric-validations?perPage=100&where_status=failed"
                + "&where_project=" + ProjectCatalog.DEMO_PROJECT_1 + "&where%3E_createdAt=" + since)).get("data");
        JsonNode otherProject = json(http.get("/v2/biometric-validations?where_status=failed&where_project="
                + ProjectCatalog.DEMO_PROJECT_2)).get("data");

        List<String> failedAfterFirst = simulator.validations().stream()
                .filter(v -> v.createdAt().isAfter(simulator.validations().get(0).createdAt()))
                .map(CreatedValidation::id)
                .filter(expectedIds(Set.of("failed"))::contains)
                .toList();
        assertThat(docIds(sameProject)).containsExactlyElementsOf(newestFirst(failedAfterFirst));
        assertThat(otherProject.get("total").asInt()).isZero();
    }

    @Test
    void badSortIs400() {
        SimulatorCreateTest.assertError(http.get("/v2/biometric-validations?sort=identifier"), 400,
                "InvalidParameter", "sort must be one of createdAt, updatedAt, status, _id, with - in front for descending");
    }

    @Test
    void unknownStatusValueFindsNothing() {
        JsonNode data = json(http.get("/v2/biometric-validations?where_status=validated")).get("data");

        assertThat(data.get("total").asInt()).isZero();
        assertThat(data.get("pages").asInt()).isEqualTo(1);
    }

    private static List<String> allPages(String query) {
        List<String> all = new ArrayList<>();
        for (int page = 1; page <= (PEOPLE + 99) / 100; page++) {
            all.addAll(docIds(json(http.get("/v2/biometric-validations?perPage=100&page=" + page
                    + (query.isEmpty() ? "" : "&" + query))).get("data")));
        }
        return all;
    }

    /** In creation order. */
    private static List<String> expectedIds(Set<String> statuses) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (statuses.contains(expected.get(i))) {
                result.add(ids.get(i));
            }
        }
        return result;
    }

    /**
     * The list's default order. Creations within one millisecond keep creation order reversed too, since the sort
     * is stable, so the reverse of creation order is exact.
     */
    private static List<String> newestFirst(List<String> inCreationOrder) {
        List<String> reversed = new ArrayList<>(inCreationOrder);
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<String> docIds(JsonNode data) {
        List<String> result = new ArrayList<>();
        data.get("docs").forEach(doc -> result.add(doc.get("_id").asText()));
        return result;
    }
}
