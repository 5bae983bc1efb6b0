package org.verifikimporter.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The query of {@code GET /v2/biometric-validations}: filters, page and populates. Parameters it does not know are
 * ignored, as the real API does with most of its optional ones.
 */
record ListQuery(int page, int perPage, String project, String projectFlow, Instant createdAfter,
                 Instant createdFrom, boolean populateLivenessSession) {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 500;

    record Page(List<CreatedValidation> docs, long total, int limit, int page, int pages) {
    }

    /** @throws ApiException 400 when a known parameter has a value that cannot be used */
    static ListQuery parse(String rawQuery) {
        int page = 1;
        int perPage = DEFAULT_PER_PAGE;
        String project = null;
        String projectFlow = null;
        Instant createdAfter = null;
        Instant createdFrom = null;
        boolean populateLivenessSession = false;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (name) {
                    case "page" -> page = positiveInt(name, value);
                    case "perPage" -> perPage = Math.min(positiveInt(name, value), MAX_PER_PAGE);
                    case "where_project" -> project = value;
                    case "where_projectFlow" -> projectFlow = value;
                    case "where>_createdAt" -> createdAfter = instant(name, value);
                    case "where>=_createdAt" -> createdFrom = instant(name, value);
                    case "populates[]", "populates" -> populateLivenessSession |= "livenessSession".equals(value);
                    default -> {
                        // not a filter the simulator knows
                    }
                }
            }
        }
        return new ListQuery(page, perPage, project, projectFlow, createdAfter, createdFrom, populateLivenessSession);
    }

    /** Filters, sorts newest first and cuts out the requested page; {@code all} is in creation order. */
    Page apply(List<CreatedValidation> all) {
        List<CreatedValidation> newestCreatedFirst = new ArrayList<>(all);
        Collections.reverse(newestCreatedFirst);
        // The sort is stable, so records of the same millisecond stay newest first.
        List<CreatedValidation> matching = newestCreatedFirst.stream()
                .filter(matches())
                .sorted(Comparator.comparing(CreatedValidation::createdAt).reversed())
                .toList();
        int total = matching.size();
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        long from = (long) (page - 1) * perPage;
        List<CreatedValidation> docs = from >= total ? List.of()
                : matching.subList((int) from, (int) Math.min(total, from + perPage));
        return new Page(docs, total, perPage, page, pages);
    }

    private Predicate<CreatedValidation> matches() {
        return v -> (project == null || project.equals(v.project()))
                && (projectFlow == null || projectFlow.equals(v.projectFlow()))
                && (createdAfter == null || v.createdAt().isAfter(createdAfter))
                && (createdFrom == null || !v.createdAt().isBefore(createdFrom));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiErrors.invalidQueryParameter("malformed query string"));
        }
    }

    private static int positiveInt(String name, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(ApiErrors.invalidQueryParameter(name + " must be a whole number from 1"));
    }

    private static Instant instant(String name, String value) {
        // An unencoded '+' of a UTC offset arrives as a space after form decoding.
        String text = value.trim().replace(' ', '+');
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new ApiException(ApiErrors.invalidQueryParameter(name + " must be an ISO-8601 instant"));
            }
        }
    }
}
