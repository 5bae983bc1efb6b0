package org.verifikimporter.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The projects and project flows the simulator knows. A create call is checked against it: the project must
 * exist, the flow must belong to that project, and the flow must be active.
 */
public final class ProjectCatalog {

    public enum FlowType {
        LOGIN, ONBOARDING;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum FlowStatus {
        ACTIVE, PAUSED, DRAFT;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Flow(String id, String projectId, FlowType type, FlowStatus status) {
        public boolean active() {
            return status == FlowStatus.ACTIVE;
        }
    }

    public static final String DEMO_PROJECT_1 = "6650f1a2b3c4d5e6f7a80001";
    public static final String DEMO_PROJECT_2 = "6650f1a2b3c4d5e6f7a80002";
    public static final String DEMO_FLOW_ONBOARDING = "6650f1a2b3c4d5e6f7a8f001";
    public static final String DEMO_FLOW_LOGIN = "6650f1a2b3c4d5e6f7a8f002";
    public static final String DEMO_FLOW_PAUSED = "6650f1a2b3c4d5e6f7a8f003";
    public static final String DEMO_FLOW_OTHER_PROJECT = "6650f1a2b3c4d5e6f7a8f004";

    private final Set<String> projectIds;
    private final Map<String, Flow> flowsById;

    private ProjectCatalog(Set<String> projectIds, Map<String, Flow> flowsById) {
        this.projectIds = Collections.unmodifiableSet(new LinkedHashSet<>(projectIds));
        this.flowsById = Collections.unmodifiableMap(new LinkedHashMap<>(flowsById));
    }

    /** The built-in set the sample CSV files refer to. */
    public static ProjectCatalog demo() {
        return builder()
                .project(DEMO_PROJECT_1)
                .flow(DEMO_PROJECT_1, DEMO_FLOW_ONBOARDING, FlowType.ONBOARDING, FlowStatus.ACTIVE)
                .flow(DEMO_PROJECT_1, DEMO_FLOW_LOGIN, FlowType.LOGIN, FlowStatus.ACTIVE)
                .flow(DEMO_PROJECT_1, DEMO_FLOW_PAUSED, FlowType.LOGIN, FlowStatus.PAUSED)
                .project(DEMO_PROJECT_2)
                .flow(DEMO_PROJECT_2, DEMO_FLOW_OTHER_PROJECT, FlowType.LOGIN, FlowStatus.ACTIVE)
                .build();
    }

    /**
     * Reads {@code {"projects":[{"id":"..","flows":[{"id":"..","type":"login","status":"active"}]}]}}.
     * {@code status} may be left out and then means active.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ProjectCatalog fromJson(Path file) {
        String text;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("projects file " + file + " does not exist or is not a file");
        }
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read projects file " + file + ": " + describe(e), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("projects file " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("projects file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ProjectCatalog parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("projects").isArray()) {
            throw new IllegalArgumentException("expected an object with a \"projects\" array");
        }
        Builder builder = builder();
        int p = 0;
        for (JsonNode project : root.get("projects")) {
            String where = "projects[" + p++ + "]";
            String projectId = requiredText(project, "id", where);
            builder.project(projectId);
            JsonNode flows = project.path("flows");
            if (flows.isMissingNode()) {
                continue;
            }
            if (!flows.isArray()) {
                throw new IllegalArgumentException(where + ".flows must be an array");
            }
            int f = 0;
            for (JsonNode flow : flows) {
                String flowWhere = where + ".flows[" + f++ + "]";
                String flowId = requiredText(flow, "id", flowWhere);
                FlowType type = enumValue(FlowType.class, requiredText(flow, "type", flowWhere), flowWhere + ".type");
                FlowStatus status = flow.has("status")
                        ? enumValue(FlowStatus.class, requiredText(flow, "status", flowWhere), flowWhere + ".status")
                        : FlowStatus.ACTIVE;
                builder.flow(projectId, flowId, type, status);
            }
        }
        return builder.build();
    }

    private static String requiredText(JsonNode node, String field, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " must be a non-blank string");
        }
        return value.asText().trim();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(where + " must be one of " + allowed + ", got \"" + text + "\"");
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean hasProject(String projectId) {
        return projectIds.contains(projectId);
    }

    public Optional<Flow> flow(String flowId) {
        return Optional.ofNullable(flowsById.get(flowId));
    }

    public Set<String> projectIds() {
        return projectIds;
    }

    public List<Flow> flows() {
        return List.copyOf(flowsById.values());
    }

    @Override
    public String toString() {
        return "ProjectCatalog[projects=" + projectIds.size() + ", flows=" + flowsById.size() + "]";
    }

    public static final class Builder {
        private final Set<String> projectIds = new LinkedHashSet<>();
        private final Map<String, Flow> flows = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder project(String projectId) {
            if (!projectIds.add(projectId)) {
                throw new IllegalArgumentException("duplicate project id " + projectId);
            }
            return this;
        }

        public Builder flow(String projectId, String flowId, FlowType type, FlowStatus status) {
            if (!projectIds.contains(projectId)) {
                throw new IllegalArgumentException("flow " + flowId + " refers to unknown project " + projectId);
            }
            // A flow id is global in Verifik, so two projects cannot share one.
            if (flows.putIfAbsent(flowId, new Flow(flowId, projectId, type, status)) != null) {
                throw new IllegalArgumentException("duplicate flow id " + flowId);
            }
            return this;
        }

        public ProjectCatalog build() {
            return new ProjectCatalog(projectIds, flows);
        }
    }
}
