package org.verifikimporter.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.camel.row.NextStep;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;

/**
 * The route files and the Java beans agree on every name they share: a property, a bean, a bean method or
 * a row step misspelled in a YAML file fails here, not in the middle of somebody's import.
 */
class RouteKeysTest {

    private static final Pattern PROPERTY = Pattern.compile("exchangeProperty\\.(\\w+)(?:\\.(\\w+))?");
    private static final Pattern BEAN_METHOD = Pattern.compile("ref:\\s*(\\w+)\\s*\\n\\s*method:\\s*(\\w+)");
    private static final Pattern ANY_REF = Pattern.compile("(?:ref|Ref|executorService):\\s*\"?(\\w+)\"?|#(\\w+)");
    private static final Pattern STEP = Pattern.compile("-\\s*ref:\\s*\"?(nextIs\\w+)\"?");

    @TempDir
    Path tmp;

    static Map<String, String> routeFiles() throws IOException {
        Map<String, String> texts = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(texts).isNotEmpty();
        return texts;
    }

    @Test
    void everyPropertyARouteReadsIsDeclaredAndHasTheAccessorItNames() throws IOException {
        Map<String, RouteKey<?>> declared = RouteKeys.PROPERTIES.stream()
                .collect(Collectors.toMap(RouteKey::name, p -> p));
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (Map.Entry<String, String> file : routeFiles().entrySet()) {
            Matcher m = PROPERTY.matcher(file.getValue());
            while (m.find()) {
                seen++;
                RouteKey<?> p = declared.get(m.group(1));
                if (p == null) {
                    problems.add(file.getKey() + ": exchangeProperty." + m.group(1) + " is not declared in RouteKeys");
                } else if (m.group(2) != null && !singleAccessor(p.type(), m.group(2))) {
                    // simple's OGNL picks a method by name alone: it must be one public method without arguments
                    problems.add(file.getKey() + ": " + p.type().getSimpleName() + " has no single public "
                            + m.group(2) + "() for exchangeProperty." + m.group(1) + "." + m.group(2));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seen).isPositive();
    }

    @Test
    void everyBeanARouteNamesIsDeclaredWithTheMethodItCalls() throws IOException {
        Map<String, RouteKey<?>> declared = RouteKeys.BEANS.stream()
                .collect(Collectors.toMap(RouteKey::name, b -> b));
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (Map.Entry<String, String> file : routeFiles().entrySet()) {
            Matcher refs = ANY_REF.matcher(file.getValue());
            while (refs.find()) {
                String name = refs.group(1) != null ? refs.group(1) : refs.group(2);
                used.add(name);
                if (!declared.containsKey(name)) {
                    problems.add(file.getKey() + ": bean " + name + " is not declared in RouteKeys");
                }
            }
            Matcher calls = BEAN_METHOD.matcher(file.getValue());
            while (calls.find()) {
                RouteKey<?> bean = declared.get(calls.group(1));
                if (bean != null && Arrays.stream(bean.type().getMethods())
                        .noneMatch(m -> m.getName().equals(calls.group(2)) && !Modifier.isStatic(m.getModifiers()))) {
                    problems.add(file.getKey() + ": " + bean.type().getSimpleName() + " has no method " + calls.group(2));
                }
            }
        }
        assertThat(problems).isEmpty();
        // the rate limit is named by the HTTP component's setting too, not only by a route
        used.add(RouteKeys.RATE_LIMIT.name());
        assertThat(used).as("beans declared but named by no route").containsAll(declared.keySet());
    }

    @Test
    void everyRowStepARouteTestsIsABeanForThatStep() throws IOException {
        Map<String, RowExecution.Step> beans = new HashMap<>();
        applicationBeans().forEach((name, bean) -> {
            if (bean instanceof NextStep n) {
                beans.put(name, n.step());
            }
        });
        Set<RowExecution.Step> tested = new TreeSet<>();
        for (String text : routeFiles().values()) {
            Matcher m = STEP.matcher(text);
            while (m.find()) {
                assertThat(beans).as("a route tests " + m.group(1)).containsKey(m.group(1));
                tested.add(beans.get(m.group(1)));
                // the name says the step it tests
                assertThat(m.group(1)).isEqualToIgnoringCase("nextIs" + beans.get(m.group(1)).name());
            }
        }
        assertThat(tested).containsExactlyInAnyOrder(RowExecution.Step.FAIL, RowExecution.Step.DONE,
                RowExecution.Step.RECONCILE, RowExecution.Step.CHECK);
        // OGNL on the row (a reflective call per evaluation) and the Step against a literal (a search of every
        // type converter) are both too slow for a per-row test
        assertThat(routeFiles().values()).noneMatch(text -> text.contains("exchangeProperty.row.next"));
    }

    @Test
    void theApplicationBindsEveryDeclaredBeanWithItsType() {
        Map<String, Object> bound = applicationBeans();
        for (RouteKey<?> b : RouteKeys.BEANS) {
            assertThat(bound.get(b.name())).as(b.name()).isInstanceOf(b.type());
        }
        assertThat(bound).hasSize(RouteKeys.BEANS.size());
    }

    /** Every bean the application binds for {@code run}, by name. */
    private Map<String, Object> applicationBeans() {
        ImporterSettings settings = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t")).override(Map.of(
                "importer.inbox", tmp.resolve("in").toString(), "importer.archive", tmp.resolve("a").toString(),
                "importer.rejected", tmp.resolve("r").toString())).build();
        RouteBeans beans = new RouteBeans(ImporterEngine.Mode.RUN, settings, new RunResults(), Clock.systemUTC(), null,
                Progress.logLines(Clock.systemUTC(), settings.progressInterval()), () -> { });
        Map<String, Object> bound = new HashMap<>();
        try {
            beans.bindTo(bound::put);
        } finally {
            beans.shutdown();
        }
        return bound;
    }

    /** The one method of that name is public, takes no argument and is not static. */
    private static boolean singleAccessor(Class<?> type, String name) {
        List<Method> named = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).toList();
        return named.size() == 1 && isAccessor(named.get(0));
    }

    private static boolean isAccessor(Method m) {
        return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers());
    }
}
