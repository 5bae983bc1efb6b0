package org.verifikimporter.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The query of {@code GET /v2/biometric-validations}: filters, sort, page and populates. Parameters it does not know
 * are ignored, as the real API does with most of its optional ones.
 *
 * @param status   {@code where_status}, or null
 * @param inStatus {@code in_status[]} (repeatable), or null when not given; both filters apply when both are given
 * @param sort     a field of {@link #SORT_FIELDS}, with a {@code -} in front for newest or greatest first
 */
record ListQuery(int page, int perPage, String project, String projectFlow, Instant createdAfter,
                 Instant createdFrom, boolean populateLivenessSession, String status, Set<String> inStatus,
                 String type, String sort) {

    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 100;
    static final String DEFAULT_SORT = "-createdAt";
    static final List<String> SORT_FIELDS = List.of("createdAt", "updatedAt", "status", "_id");

    record Page(List<CreatedValidation> docs, long total, int limit, int page, int pages) {
    }

    /** @throws ApiException 400 when a known parameter has a value that cannot be used */
    static ListQuery parse(String rawQuery) {
        Parsed q = new Parsed();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                q.take(name, value);
            }
        }
        return new ListQuery(q.page, q.perPage, q.project, q.projectFlow, q.createdAfter, q.createdFrom,
                q.populateLivenessSession, q.status, q.inStatus == null ? null : Set.copyOf(q.inStatus), q.type,
                q.sort);
    }

    /** As {@link #apply(List, Map)} with every validation still {@code new}. */
    Page apply(List<CreatedValidation> all) {
        return apply(all, Map.of());
    }

    /**
     * Filters, sorts and cuts out the requested page; {@code all} is in creation order, and of equal keys the newer
     * comes first in a descending sort, the older in an ascending one.
     *
     * @param now each validation's status by id; an id missing from it is {@code new}
     */
    Page apply(List<CreatedValidation> all, Map<String, StatusTimeline.Snapshot> now) {
        Function<CreatedValidation, StatusTimeline.Snapshot> statusOf =
                v -> now.getOrDefault(v.id(), new StatusTimeline.Snapshot(StatusOptions.NEW, null));
        boolean descending = sort.startsWith("-");
        List<CreatedValidation> ordered = new ArrayList<>(all);
        if (descending) {
            Collections.reverse(ordered);
        }
        Comparator<CreatedValidation> byKey = comparator(sort.substring(descending ? 1 : 0), statusOf);
        // The sort is stable, so records with the same key keep the order chosen above.
        List<CreatedValidation> matching = ordered.stream()
                .filter(matches(statusOf))
                .sorted(descending ? byKey.reversed() : byKey)
                .toList();
        int total = matching.size();
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        long from = (long) (page - 1) * perPage;
        List<CreatedValidation> docs = from >= total ? List.of()
                : matching.subList((int) from, (int) Math.min(total, from + perPage));
        return new Page(docs, total, perPage, page, pages);
    }

    private static Comparator<CreatedValidation> comparator(String field,
                                                            Function<CreatedValidation, StatusTimeline.Snapshot> now) {
        return switch (field) {
            case "updatedAt" -> Comparator.comparing(v -> {
                Instant changed = now.apply(v).changedAt();
                return changed == null ? v.createdAt() : changed;
            });
            case "status" -> Comparator.comparing(v -> now.apply(v).status());
            case "_id" -> Comparator.comparing(CreatedValidation::id);
            default -> Comparator.comparing(CreatedValidation::createdAt);
        };
    }

    private Predicate<CreatedValidation> matches(Function<CreatedValidation, StatusTimeline.Snapshot> now) {
        return v -> (project == null || project.equals(v.project()))
                && (projectFlow == null || projectFlow.equals(v.projectFlow()))
                && (type == null || type.equals(v.type()))
                && (createdAfter == null || v.createdAt().isAfter(createdAfter))
                && (createdFrom == null || !v.createdAt().isBefore(createdFrom))
                && (status == null || status.equals(now.apply(v).status()))
                && (inStatus == null || inStatus.contains(now.apply(v).status()));
    }

    /** The parameters while they are read, one by one. */
    private static final class Parsed {
        int page = 1;
        int perPage = DEFAULT_PER_PAGE;
        String project;
        String projectFlow;
        Instant createdAfter;
        Instant createdFrom;
        boolean populateLivenessSession;
        String status;
        Set<String> inStatus;
        String type;
        String sort = DEFAULT_SORT;

        void take(String name, String value) {
            if (name.startsWith("in_status[") && name.endsWith("]") || "in_status".equals(name)) {
                // in_status[]=a&in_status[]=b, the qs-style in_status[0]=a, or a comma list
                if (inStatus == null) {
                    inStatus = new LinkedHashSet<>();
                }
                for (String one : value.split(",")) {
                    if (!one.isBlank()) {
                        inStatus.add(one.trim());
                    }
                }
                return;
            }
            switch (name) {
                case "page" -> page = positiveInt(name, value);
                case "perPage" -> perPage = Math.min(positiveInt(name, value), MAX_PER_PAGE);
                case "where_project" -> project = value;
                case "where_projectFlow" -> projectFlow = value;
                case "where_type" -> type = value;
                case "where_status" -> status = value;
                case "where>_createdAt" -> createdAfter = instant(name, value);
                case "where>=_createdAt" -> createdFrom = instant(name, value);
                case "sort" -> sort = sort(value);
                case "populates[]", "populates" -> populateLivenessSession |= "livenessSession".equals(value);
                default -> {
                    // not a filter the simulator knows
                }
            }
        }
    }

    private static String sort(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return DEFAULT_SORT;
        }
        String field = text.startsWith("-") ? text.substring(1) : text;
        if (!SORT_FIELDS.contains(field)) {
            throw new ApiException(ApiErrors.invalidQueryParameter(
                    "sort must be one of " + String.join(", ", SORT_FIELDS) + ", with - in front for descending"));
        }
        return text;
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
