package org.verifikimporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.config.Setting;
import org.verifikimporter.config.SettingsCatalog;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The deployment files ({@code Dockerfile}, {@code deploy/k8s/}) are held to the code they run: every variable
 * they set is a setting the importer reads, with a value it accepts; the probes ask the management server
 * where it answers; a pod is given longer than {@code camel.main.shutdown-timeout} to stop; secrets arrive
 * only as files; the image holds the jar the pom builds. No Docker and no cluster are needed: the files are
 * parsed (the YAML with snakeyaml-engine, which camel-yaml-dsl brings) and read.
 */
class DeploymentFilesTest {

    // --- Where Camel's management server answers (camel.management.enabled=true), in one place: should the
    // --- observability work land elsewhere, correct these; the test then names every file that disagrees.
    static final int MANAGEMENT_PORT = 9876;
    static final String LIVENESS_PATH = "/observe/health/live";
    static final String READINESS_PATH = "/observe/health/ready";
    static final String METRICS_PATH = "/observe/metrics";

    /** After camel.main.shutdown-timeout: the ledger's last writes, the claim handed back, the JVM's exit. */
    static final int GRACE_MARGIN_SECONDS = 15;

    /** Read by something else than the settings: the log level by logback.xml, extra flags by the JVM. */
    static final Set<String> OTHER_VARIABLES = Set.of("IMPORTER_LOG_LEVEL", "JAVA_TOOL_OPTIONS");

    static final Path K8S = Path.of("deploy/k8s");
    static final Path DOCKERFILE = Path.of("Dockerfile");

    // ------------------------------------------------------------------------------------------------------

    @Test
    void everyManifestParsesAndKustomizeAppliesAllButTheExampleSecretAndTheAlternative() throws Exception {
        List<String> files;
        try (Stream<Path> list = Files.list(K8S)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).contains("kustomization.yaml", "deployment.yaml", "cronjob.yaml", "configmap.yaml",
                "pvc.yaml", "secret.example.yaml");
        for (String f : files) {
            for (Map<String, Object> doc : yaml(f)) {
                assertThat(doc).as(f).containsKeys("apiVersion", "kind");
                if (!f.equals("kustomization.yaml")) {
                    assertThat(text(doc, "metadata", "name")).as(f + " metadata.name").isNotBlank();
                }
            }
        }
        List<String> resources = list(kustomization(), "resources");
        for (String r : resources) {
            assertThat(K8S.resolve(r)).as("kustomization.yaml names " + r).isRegularFile();
        }
        assertThat(resources).as("placeholders must never replace the real Secret").doesNotContain("secret.example.yaml");
        assertThat(resources).as("the Deployment or the CronJob, not both").contains("deployment.yaml")
                .doesNotContain("cronjob.yaml");
        assertThat(resources).containsAll(files.stream()
                .filter(f -> !Set.of("kustomization.yaml", "secret.example.yaml", "cronjob.yaml").contains(f)).toList());
    }

    @Test
    void theDeploymentRunsWatchOnThreeReplicas() throws Exception {
        Map<String, Object> d = deployment();
        assertThat(number(d, "spec", "replicas")).isEqualTo(3);
        Map<String, Object> c = container(podSpec(d));
        assertThat(c).as("no command: the image's entrypoint runs the jar").doesNotContainKey("command");
        assertThat(list(c, "args")).containsExactly("watch");
        Map<String, Object> selector = map(d, "spec", "selector", "matchLabels");
        assertThat(map(d, "spec", "template", "metadata", "labels")).containsAllEntriesOf(selector);
    }

    @Test
    void theCronJobRunsRunOneAtATimeWithTheSameConfigurationSecretsAndVolume() throws Exception {
        Map<String, Object> cj = cronJob();
        Map<String, Object> pod = podSpec(cj);
        Map<String, Object> c = container(pod);
        assertThat(c).doesNotContainKey("command");
        assertThat(list(c, "args")).containsExactly("run");
        assertThat(text(cj, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(text(pod, "restartPolicy")).isEqualTo("Never");
        assertThat(number(cj, "spec", "jobTemplate", "spec", "backoffLimit")).as("exit 2/3/4 are answers").isZero();
        Map<String, Object> d = deployment();
        assertThat(configMapsOf(c)).isEqualTo(configMapsOf(container(podSpec(d))));
        assertThat(volumes(pod)).isEqualTo(volumes(podSpec(d)));
        assertThat(list(c, "volumeMounts")).isEqualTo(list(container(podSpec(d)), "volumeMounts"));
        assertThat(text(c, "image")).isEqualTo(text(container(podSpec(d)), "image"));
    }

    @Test
    void theProbesAskTheManagementServerWhereItAnswers() throws Exception {
        Map<String, Object> pod = podSpec(deployment());
        Map<String, Object> c = container(pod);
        assertThat(probe(c, "livenessProbe")).isEqualTo(MANAGEMENT_PORT + " " + LIVENESS_PATH);
        assertThat(probe(c, "readinessProbe")).isEqualTo(MANAGEMENT_PORT + " " + READINESS_PATH);
        if (c.containsKey("startupProbe")) {
            assertThat(probe(c, "startupProbe")).isEqualTo(MANAGEMENT_PORT + " " + LIVENESS_PATH);
        }
        Map<String, String> env = literalEnv(c);
        assertThat(env).as("the management server is on").containsEntry("CAMEL_MANAGEMENT_ENABLED", "true");
        if (env.containsKey("CAMEL_MANAGEMENT_PORT")) {
            assertThat(env.get("CAMEL_MANAGEMENT_PORT")).isEqualTo(Integer.toString(MANAGEMENT_PORT));
        }
        Map<String, Object> annotations = map(deployment(), "spec", "template", "metadata", "annotations");
        assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(MANAGEMENT_PORT))
                .containsEntry("prometheus.io/path", METRICS_PATH);
        assertThat(dockerfile("EXPOSE")).as("Dockerfile EXPOSE").containsExactly(Integer.toString(MANAGEMENT_PORT));
        // once application.properties names the port itself, it must be the same one
        String builtIn = builtInProperties().getProperty("camel.management.port");
        if (builtIn != null) {
            assertThat(builtIn.strip()).as("camel.management.port in application.properties")
                    .isEqualTo(Integer.toString(MANAGEMENT_PORT));
        }
    }

    @Test
    void aStoppedPodGetsLongerThanTheShutdownTimeoutPlusAMargin(@TempDir Path tmp) throws Exception {
        for (Map<String, Object> workload : List.of(deployment(), cronJob())) {
            ImporterSettings settings = settingsOf(workload, tmp);
            long shutdownTimeout = Long.parseLong(settings.get("camel.main.shutdown-timeout"));
            assertThat(shutdownTimeout).isPositive();
            assertThat(number(podSpec(workload), "terminationGracePeriodSeconds"))
                    .as(text(workload, "kind") + " terminationGracePeriodSeconds over camel.main.shutdown-timeout ("
                            + shutdownTimeout + ") + " + GRACE_MARGIN_SECONDS)
                    .isGreaterThanOrEqualTo((int) shutdownTimeout + GRACE_MARGIN_SECONDS);
        }
    }

    /** The importer ignores variables it does not know without a word: a misspelt one must fail here. */
    @Test
    void everyVariableIsOneTheImporterOrCamelReads() throws Exception {
        Set<String> declared = new HashSet<>();
        SettingsCatalog.all().stream().map(Setting::envName).forEach(declared::add);
        declared.add(ImporterSettings.TOKEN_FILE_ENV);
        declared.add(ImporterSettings.LEDGER_PASSWORD_FILE_ENV);
        Set<String> camel = camelOptions();
        Map<String, Object> names = new LinkedHashMap<>();
        map(configMap(), "data").forEach((k, v) -> names.put(k, v));
        for (Map<String, Object> w : List.of(deployment(), cronJob())) {
            for (Object e : list(container(podSpec(w)), "env")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> var = (Map<String, Object>) e;
                names.put((String) var.get("name"), var.containsKey("value") ? var.get("value") : "(valueFrom)");
            }
        }
        assertThat(names).isNotEmpty();
        names.forEach((name, value) -> {
            assertThat(value).as(name + ": Kubernetes takes only strings (quote numbers and true/false)")
                    .isInstanceOf(String.class);
            if (name.startsWith("IMPORTER_") || name.startsWith("VERIFIK_")) {
                assertThat(declared.contains(name) || OTHER_VARIABLES.contains(name))
                        .as(name + " is no setting of SettingsCatalog (nor a *_FILE variant)").isTrue();
            } else if (name.startsWith("CAMEL_")) {
                assertThat(camel).as(name + " is no Camel Main option").contains(relaxed(name));
            } else {
                assertThat(OTHER_VARIABLES).as(name + " is read by nothing").contains(name);
            }
        });
    }

    /**
     * The ConfigMap and the containers' variables, as the importer reads them at start: every value passes its
     * setting's parser, the secrets arrive through the files the Secret's keys become, the folders are where
     * the volumes are.
     */
    @Test
    void theImporterAcceptsWhatThePodsAreGiven(@TempDir Path tmp) throws Exception {
        Map<String, String> secret = secretExample();
        for (Map<String, Object> workload : List.of(deployment(), cronJob())) {
            String kind = text(workload, "kind");
            ImporterSettings s = settingsOf(workload, tmp);
            assertThat(s.token()).as(kind + ": the token from its file").isEqualTo(secret.get("token"));
            assertThat(s.ledgerPassword()).as(kind + ": the password from its file").isEqualTo(secret.get("ledger-password"));
            assertThat(s.ledgerUrl()).as(kind + ": several instances need PostgreSQL, not a SQLite ledger per pod")
                    .startsWith("jdbc:postgresql://");
            assertThat(s.clusterInstance()).as(kind + ": the pod's name").isEqualTo("pod-name-from-metadata.name");

            Map<String, Object> pod = podSpec(workload);
            Map<String, Object> c = container(pod);
            for (Path folder : List.of(s.inbox(), s.outbox(), s.archive(), s.rejected())) {
                assertThat(volumeHolding(pod, c, folder.toString())).as(kind + ": " + folder + " on the shared volume")
                        .containsEntry("persistentVolumeClaim", Map.of("claimName", text(pvc(), "metadata", "name")));
            }
            assertThat(volumeHolding(pod, c, s.state().toString())).as(kind + ": the pod's own state folder")
                    .containsKey("emptyDir");
        }
        assertThat(list(pvc(), "spec", "accessModes")).containsExactly("ReadWriteMany");
    }

    @Test
    void secretsArriveOnlyAsReadOnlyFiles() throws Exception {
        Map<String, Object> secretDoc = yaml("secret.example.yaml").get(0);
        assertThat(text(secretDoc, "kind")).isEqualTo("Secret");
        assertThat(secretExample()).as("placeholders only").isNotEmpty()
                .allSatisfy((k, v) -> assertThat(v).as(k).startsWith("REPLACE-WITH-"));
        assertThat(secretDoc).doesNotContainKey("data");
        assertThat(map(configMap(), "data")).doesNotContainKeys(ImporterSettings.TOKEN_ENV, "IMPORTER_LEDGER_PASSWORD");
        for (Map<String, Object> w : List.of(deployment(), cronJob())) {
            Map<String, Object> pod = podSpec(w);
            Map<String, Object> c = container(pod);
            String kind = text(w, "kind");
            List<String> names = new ArrayList<>();
            for (Object e : list(c, "env")) {
                names.add((String) ((Map<?, ?>) e).get("name"));
                assertThat(String.valueOf(e)).as(kind + " env").doesNotContain("secretKeyRef");
            }
            assertThat(names).as(kind).doesNotContain(ImporterSettings.TOKEN_ENV, "IMPORTER_LEDGER_PASSWORD");
            for (Object from : list(c, "envFrom")) {
                assertThat(String.valueOf(from)).as(kind + " envFrom").doesNotContain("secretRef");
            }
            for (Object v : volumes(pod)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> volume = (Map<String, Object>) v;
                if (!volume.containsKey("secret")) {
                    continue;
                }
                assertThat(text(volume, "secret", "secretName")).isEqualTo(text(secretDoc, "metadata", "name"));
                Map<String, Object> mount = mountNamed(c, text(volume, "name"));
                assertThat(mount.get("readOnly")).as(kind + " mounts the Secret read-only").isEqualTo(true);
            }
        }
    }

    @Test
    void theImageHoldsTheJarThePomBuildsAndRunsItAsNonRoot() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String finalName = child(child(pom.getDocumentElement(), "build"), "finalName").getTextContent().strip();
        String version = child(pom.getDocumentElement(), "version").getTextContent().strip();
        String jar = "/app/" + finalName + ".jar";

        List<String> from = dockerfile("FROM");
        assertThat(from).as("multi-stage: a Maven build, then the runtime").hasSizeGreaterThanOrEqualTo(2);
        assertThat(from.get(0)).containsIgnoringCase("maven").contains("17");
        String runtime = from.get(from.size() - 1);
        assertThat(runtime).as("the runtime image").contains("17").containsIgnoringCase("jre");
        String buildStage = from.get(0).replaceAll("(?i).*\\sAS\\s+", "").strip();
        assertThat(dockerfile("COPY")).as("the shaded jar from the build stage")
                .contains("--from=" + buildStage + " /build/target/" + finalName + ".jar " + jar);
        assertThat(dockerfile("RUN")).anySatisfy(r -> assertThat(r).contains("mvn").contains("package"));

        // the build sees every folder the jar is made of (and .dockerignore lets each through)
        List<String> copied = dockerfile("COPY").stream().filter(c -> !c.startsWith("--from"))
                .map(c -> c.split("\\s+")[0].replaceAll("/$", "")).toList();
        List<String> needed = new ArrayList<>(List.of("pom.xml", "src/main"));
        NodeList dirs = pom.getElementsByTagName("directory");
        for (int i = 0; i < dirs.getLength(); i++) {
            String dir = dirs.item(i).getTextContent().strip();
            if (!dir.startsWith("src/main")) {
                needed.add(dir);
            }
        }
        assertThat(copied).containsAll(needed);
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (ignore.contains("*")) {
            for (String n : needed) {
                assertThat(ignore).as(".dockerignore lets " + n + " through").contains("!" + n);
            }
        }

        List<String> entrypoint = execForm(dockerfile("ENTRYPOINT"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", jar);
        assertThat(entrypoint).anySatisfy(f -> assertThat(f).startsWith("-XX:MaxRAMPercentage="));
        // start-up: the class-data archive the runtime stage dumps for this jar is the one the entrypoint maps
        String archive = "/app/" + finalName + ".jsa";
        assertThat(entrypoint).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(dockerfile("RUN")).anySatisfy(r -> assertThat(r).contains("-XX:ArchiveClassesAtExit=" + archive)
                .contains("-jar " + jar));

        List<String> user = dockerfile("USER");
        assertThat(user).as("USER").isNotEmpty();
        String uid = user.get(user.size() - 1).split(":")[0];
        assertThat(uid).as("a numeric user, so that runAsNonRoot can check it").matches("[0-9]+").isNotEqualTo("0");
        for (Map<String, Object> w : List.of(deployment(), cronJob())) {
            Map<String, Object> pod = podSpec(w);
            assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true)
                    .containsEntry("runAsUser", Integer.parseInt(uid));
            String image = text(container(pod), "image");
            assertThat(image.replaceAll(".*/", "").replaceAll(":.*", "")).as(image).isEqualTo(finalName);
            assertThat(image.replaceAll(".*:", "")).as(image + ": the pom's version").isEqualTo(version);
        }
        Map<String, Object> images = map(kustomization(), "images", 0);
        assertThat(images).containsEntry("name", finalName).containsEntry("newTag", version);
    }

    @Test
    void theReadmePointsAtTheFiles() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Running it for real\n");
        assertThat(start).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        assertThat(section).contains("docker build", "deploy/k8s/", "kubectl apply -k deploy/k8s",
                ImporterSettings.TOKEN_FILE_ENV, ImporterSettings.LEDGER_PASSWORD_FILE_ENV);
        for (String f : List.of("deployment.yaml", "cronjob.yaml", "configmap.yaml", "secret.example.yaml", "pvc.yaml")) {
            assertThat(section).contains(f);
        }
    }

    // --- reading the files ---------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yaml(String file) throws Exception {
        String text = Files.readString(K8S.resolve(file), StandardCharsets.UTF_8);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().setLabel(file).build()).loadAllFromString(text)) {
            if (doc != null) {
                assertThat(doc).as(file).isInstanceOf(Map.class);
                docs.add((Map<String, Object>) doc);
            }
        }
        assertThat(docs).as(file).isNotEmpty();
        return docs;
    }

    static Map<String, Object> one(String file, String kind) throws Exception {
        List<Map<String, Object>> docs = yaml(file);
        assertThat(docs).as(file).hasSize(1);
        assertThat(docs.get(0).get("kind")).as(file).isEqualTo(kind);
        return docs.get(0);
    }

    static Map<String, Object> deployment() throws Exception {
        return one("deployment.yaml", "Deployment");
    }

    static Map<String, Object> cronJob() throws Exception {
        return one("cronjob.yaml", "CronJob");
    }

    static Map<String, Object> configMap() throws Exception {
        return one("configmap.yaml", "ConfigMap");
    }

    static Map<String, Object> pvc() throws Exception {
        return one("pvc.yaml", "PersistentVolumeClaim");
    }

    static Map<String, Object> kustomization() throws Exception {
        return one("kustomization.yaml", "Kustomization");
    }

    static Map<String, String> secretExample() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        map(one("secret.example.yaml", "Secret"), "stringData").forEach((k, v) -> values.put(k, (String) v));
        return values;
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return "CronJob".equals(workload.get("kind"))
                ? map(workload, "spec", "jobTemplate", "spec", "template", "spec")
                : map(workload, "spec", "template", "spec");
    }

    static Map<String, Object> container(Map<String, Object> pod) {
        List<Object> containers = list(pod, "containers");
        assertThat(containers).as("one container").hasSize(1);
        return map(pod, "containers", 0);
    }

    static List<Object> volumes(Map<String, Object> pod) {
        return list(pod, "volumes");
    }

    static List<String> configMapsOf(Map<String, Object> container) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list(container, "envFrom").size(); i++) {
            names.add(text(container, "envFrom", i, "configMapRef", "name"));
        }
        return names;
    }

    /** "port path" of an httpGet probe, a named port resolved to its number. */
    static String probe(Map<String, Object> c, String probe) {
        Object port = at(c, probe, "httpGet", "port");
        if (port instanceof String name) {
            port = list(c, "ports").stream().map(p -> (Map<?, ?>) p).filter(p -> name.equals(p.get("name")))
                    .map(p -> p.get("containerPort")).findFirst().orElseThrow(() -> new AssertionError("no port " + name));
        }
        return port + " " + text(c, probe, "httpGet", "path");
    }

    /** The env entries with a literal value. */
    static Map<String, String> literalEnv(Map<String, Object> c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(c, "env")) {
            Map<?, ?> var = (Map<?, ?>) e;
            if (var.containsKey("value")) {
                env.put((String) var.get("name"), String.valueOf(var.get("value")));
            }
        }
        return env;
    }

    /**
     * The settings a pod of this workload starts with: the ConfigMap, then the container's own variables; a
     * {@code *_FILE} path under the Secret's mount becomes a file here holding the example Secret's value
     * under that key (with a line end, as `kubectl create secret --from-file` of an edited file has it).
     */
    static ImporterSettings settingsOf(Map<String, Object> workload, Path tmp) throws Exception {
        Map<String, Object> pod = podSpec(workload);
        Map<String, Object> c = container(pod);
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : configMapsOf(c)) {
            assertThat(name).isEqualTo(text(configMap(), "metadata", "name"));
            map(configMap(), "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Object e : list(c, "env")) {
            Map<?, ?> var = (Map<?, ?>) e;
            String name = (String) var.get("name");
            if (var.containsKey("valueFrom")) {
                assertThat(text(c, "env", list(c, "env").indexOf(e), "valueFrom", "fieldRef", "fieldPath"))
                        .as(name).isEqualTo("metadata.name");
                env.put(name, "pod-name-from-metadata.name");
            } else {
                env.put(name, String.valueOf(var.get("value")));
            }
        }
        Map<String, String> secret = secretExample();
        for (String fileVar : List.of(ImporterSettings.TOKEN_FILE_ENV, ImporterSettings.LEDGER_PASSWORD_FILE_ENV)) {
            String path = env.get(fileVar);
            assertThat(path).as(text(workload, "kind") + " " + fileVar).isNotNull();
            assertThat(volumeHolding(pod, c, path)).as(fileVar + " names a file of the Secret").containsKey("secret");
            String key = path.substring(mountHolding(c, path).length() + 1);
            assertThat(secret).as(fileVar + " names the Secret's key " + key).containsKey(key);
            Path file = Files.createDirectories(tmp.resolve(text(workload, "kind"))).resolve(key);
            Files.writeString(file, secret.get(key) + "\n");
            env.put(fileVar, file.toString());
        }
        return ImporterSettings.builder().env(env).build();
    }

    /** The mount path under which the container sees this path (the deepest one). */
    static String mountHolding(Map<String, Object> c, String path) {
        String best = null;
        for (int i = 0; i < list(c, "volumeMounts").size(); i++) {
            String m = text(c, "volumeMounts", i, "mountPath");
            if ((path.equals(m) || path.startsWith(m.endsWith("/") ? m : m + "/"))
                    && (best == null || m.length() > best.length())) {
                best = m;
            }
        }
        return best == null ? fail(path + " is on no volume the container mounts") : best;
    }

    /** The volume under which the container sees this path. */
    static Map<String, Object> volumeHolding(Map<String, Object> pod, Map<String, Object> c, String path) {
        String mount = mountHolding(c, path);
        String name = null;
        for (int i = 0; i < list(c, "volumeMounts").size(); i++) {
            if (mount.equals(text(c, "volumeMounts", i, "mountPath"))) {
                name = text(c, "volumeMounts", i, "name");
            }
        }
        for (int i = 0; i < volumes(pod).size(); i++) {
            Map<String, Object> v = map(pod, "volumes", i);
            if (v.get("name").equals(name)) {
                return v;
            }
        }
        return fail("the pod has no volume " + name);
    }

    static Map<String, Object> mountNamed(Map<String, Object> c, String volume) {
        for (int i = 0; i < list(c, "volumeMounts").size(); i++) {
            Map<String, Object> m = map(c, "volumeMounts", i);
            if (volume.equals(m.get("name"))) {
                return m;
            }
        }
        return fail("the container does not mount the volume " + volume);
    }

    /** The arguments of each instruction of the Dockerfile, comments dropped and continued lines joined. */
    static List<String> dockerfile(String instruction) throws Exception {
        String joined = Files.readAllLines(DOCKERFILE).stream().filter(l -> !l.strip().startsWith("#"))
                .reduce("", (a, l) -> a.endsWith("\\") ? a.substring(0, a.length() - 1) + " " + l.strip() : a + "\n" + l);
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("(?im)^\\s*" + instruction + "\\s+(.+)$").matcher(joined);
        while (m.find()) {
            args.add(m.group(1).strip().replaceAll("\\s+", " "));
        }
        return args;
    }

    static List<String> execForm(List<String> instructions) throws Exception {
        assertThat(instructions).as("one ENTRYPOINT").hasSize(1);
        JsonNode array = new ObjectMapper().readTree(instructions.get(0));
        assertThat(array.isArray()).as("exec form (a JSON array): java is PID 1 and gets the SIGTERM").isTrue();
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return parts;
    }

    static org.w3c.dom.Element child(org.w3c.dom.Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof org.w3c.dom.Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return fail("pom.xml: no " + name + " in " + parent.getTagName());
    }

    static Properties builtInProperties() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    /**
     * What a CAMEL_ variable can name: a Camel Main option (Camel reads CAMEL_MAIN_*, CAMEL_MANAGEMENT_* ... from
     * the environment itself), or a key of application.properties (the importer applies the environment to
     * those), each compared as Camel does: case and separators aside.
     */
    static Set<String> camelOptions() throws Exception {
        Set<String> options = new HashSet<>();
        Enumeration<URL> metadata = DeploymentFilesTest.class.getClassLoader()
                .getResources("META-INF/camel-main-configuration-metadata.json");
        ObjectMapper json = new ObjectMapper();
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                json.readTree(in).path("properties").forEach(p -> options.add(relaxed(p.path("name").asText())));
            }
        }
        assertThat(options).as("Camel Main's option list").isNotEmpty();
        builtInProperties().stringPropertyNames().stream().filter(k -> k.startsWith("camel."))
                .forEach(k -> options.add(relaxed(k)));
        return options;
    }

    static String relaxed(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    // --- walking the parsed YAML ---------------------------------------------------------------------------

    /** The node at the path of keys (String) and indexes (Integer); a missing step fails naming the path. */
    static Object at(Object node, Object... path) {
        Object n = node;
        for (Object step : path) {
            if (step instanceof Integer i && n instanceof List<?> l && i < l.size()) {
                n = l.get(i);
            } else if (n instanceof Map<?, ?> m && m.containsKey(step)) {
                n = m.get(step);
            } else {
                return fail("no " + String.join(".", Stream.of(path).map(String::valueOf).toList()) + " (stuck at "
                        + step + ")");
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, Object... path) {
        Object n = at(node, path);
        assertThat(n).as(List.of(path).toString()).isInstanceOf(Map.class);
        return (Map<String, Object>) n;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object node, Object... path) {
        Object n = at(node, path);
        assertThat(n).as(List.of(path).toString()).isInstanceOf(List.class);
        return (List<T>) n;
    }

    static String text(Object node, Object... path) {
        Object n = at(node, path);
        assertThat(n).as(List.of(path).toString()).isInstanceOf(String.class);
        return (String) n;
    }

    static int number(Object node, Object... path) {
        Object n = at(node, path);
        assertThat(n).as(List.of(path).toString()).isInstanceOf(Integer.class);
        return (Integer) n;
    }
}
