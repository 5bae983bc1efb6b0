package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A create request that passed every rule.
 *
 * @param body     the body as sent
 * @param present  only the fields that count as given: blank strings left out
 */
record ValidatedCreate(ObjectNode body, ObjectNode present, ProjectCatalog.Flow flow) {

    String text(String field) {
        return present.hasNonNull(field) ? present.get(field).asText() : null;
    }

    boolean flag(String field) {
        return present.path(field).asBoolean(false);
    }

    String project() {
        return text("project");
    }

    String projectFlow() {
        return text("projectFlow");
    }

    String identifier() {
        return text("identifier");
    }

    String type() {
        return text("type");
    }
}
