package org.verifikimporter.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The routes are named one by one in application.properties (a wildcard costs a scan of the jar): none forgotten. */
class RouteFilesTest {

    @Test
    void everyRouteFileIsLoaded() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        List<String> named = Arrays.stream(p.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::trim).toList();
        List<String> present;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            present = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml"))
                    .map(n -> "classpath:routes/" + n).toList();
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(present);
    }
}
