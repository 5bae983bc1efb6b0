package org.verifikimporter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.verifikimporter.simulator.SimHttp.validBody;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.verifikimporter.simulator.ProjectCatalog.FlowStatus;
import org.verifikimporter.simulator.ProjectCatalog.FlowType;

class SimulatorCatalogTest {

    @TempDir
    Path dir;

    @Test
    void demoHoldsTheSampleIds() {
        ProjectCatalog demo = ProjectCatalog.demo();

        assertThat(demo.projectIds()).containsExactly("6650f1a2b3c4d5e6f7a80001", "6650f1a2b3c4d5e6f7a80002");
        assertThat(demo.flow("6650f1a2b3c4d5e6f7a8f001")).hasValue(new ProjectCatalog.Flow(
                "6650f1a2b3c4d5e6f7a8f001", "6650f1a2b3c4d5e6f7a80001", FlowType.ONBOARDING, FlowStatus.ACTIVE));
        assertThat(demo.flow("6650f1a2b3c4d5e6f7a8f002")).hasValue(new ProjectCatalog.Flow(
                "6650f1a2b3c4d5e6f7a8f002", "6650f1a2b3c4d5e6f7a80001", FlowType.LOGIN, FlowStatus.ACTIVE));
        assertThat(demo.flow("6650f1a2b3c4d5e6f7a8f003")).hasValue(new ProjectCatalog.Flow(
                "6650f1a2b3c4d5e6f7a8f003", "6650f1a2b3c4d5e6f7a80001", FlowType.LOGIN, FlowStatus.PAUSED));
        assertThat(demo.flow("6650f1a2b3c4d5e6f7a8f004")).hasValue(new ProjectCatalog.Flow(
                "6650f1a2b3c4d5e6f7a8f004", "6650f1a2b3c4d5e6f7a80002", FlowType.LOGIN, FlowStatus.ACTIVE));
        assertThat(demo.flows()).hasSize(4);
    }

    @Test
    void readsAFileAndTheSimulatorUsesIt() throws IOException {
        Path file = write("""
                {"projects":[
                  {"id":"p1","flows":[{"id":"f1","type":"login","status":"active"},
                                      {"id":"f2","type":"Onboarding","status":"paused"},
                                      {"id":"f3","type":"login"}]},
                  {"id":"p2"}
                ]}""");

        ProjectCatalog catalog = ProjectCatalog.fromJson(file);

        assertThat(catalog.projectIds()).containsExactly("p1", "p2");
        assertThat(catalog.flow("f2")).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo(FlowType.ONBOARDING);
            assertThat(f.active()).isFalse();
        });
        assertThat(catalog.flow("f3")).hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(FlowStatus.ACTIVE));
        try (VerifikSimulator simulator = new VerifikSimulator(SimHttp.options().catalog(catalog).build()).start()) {
            SimHttp http = new SimHttp(simulator);
            assertThat(http.post(validBody().put("project", "p1").put("projectFlow", "f1")).statusCode())
                    .isEqualTo(200);
            assertThat(http.post(validBody().put("project", "p1").put("projectFlow", "f2")).statusCode())
                    .isEqualTo(409);
            assertThat(http.post(validBody().put("project", "p2").put("projectFlow", "f1")).statusCode())
                    .isEqualTo(400);
            assertThat(http.post(validBody()).statusCode()).as("demo ids are unknown here").isEqualTo(404);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                         | is not valid JSON
            []                                                      | expected an object with a "projects" array
            {"projects":{}}                                         | expected an object with a "projects" array
            {"projects":[{"flows":[]}]}                             | projects[0].id must be a non-blank string
            {"projects":[{"id":"p","flows":{}}]}                    | projects[0].flows must be an array
            {"projects":[{"id":"p","flows":[{"id":"f"}]}]}          | projects[0].flows[0].type must be a non-blank string
            {"projects":[{"id":"p","flows":[{"id":"f","type":"x"}]}]} | projects[0].flows[0].type must be one of [login, onboarding], got "x"
            {"projects":[{"id":"p","flows":[{"id":"f","type":"login","status":"on"}]}]} | projects[0].flows[0].status must be one of [active, paused, draft]
            {"projects":[{"id":"p"},{"id":"p"}]}                    | duplicate project id p
            {"projects":[{"id":"p","flows":[{"id":"f","type":"login"}]},{"id":"q","flows":[{"id":"f","type":"login"}]}]} | duplicate flow id f
            """)
    void badFileIsRefusedWithTheFileAndTheProblem(String content, String problem) throws IOException {
        Path file = write(content);

        assertThatThrownBy(() -> ProjectCatalog.fromJson(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem);
    }

    @Test
    void missingFileIsRefused() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> ProjectCatalog.fromJson(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("projects file " + missing + " does not exist or is not a file");
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "projects", ".json"), content);
    }
}
