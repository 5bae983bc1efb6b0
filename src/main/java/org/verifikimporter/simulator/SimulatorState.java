package org.verifikimporter.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** What the simulator saw and created; safe to read while requests are being handled. */
final class SimulatorState {

    static final String VALIDATIONS_PATH = "/v2/biometric-validations";

    private record Entry(long sequence, RecordedRequest request) {
    }

    private final AtomicLong sequence = new AtomicLong();
    private final List<Entry> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<CreatedValidation> validations = Collections.synchronizedList(new ArrayList<>());

    /** Taken when a request arrives, so the log keeps arrival order although answers finish in any order. */
    long nextSequence() {
        return sequence.getAndIncrement();
    }

    void log(long sequence, RecordedRequest request) {
        requests.add(new Entry(sequence, request));
    }

    void add(CreatedValidation validation) {
        validations.add(validation);
    }

    List<RecordedRequest> requests() {
        synchronized (requests) {
            return requests.stream()
                    .sorted(Comparator.comparingLong(Entry::sequence))
                    .map(Entry::request)
                    .toList();
        }
    }

    List<CreatedValidation> validations() {
        synchronized (validations) {
            return List.copyOf(validations);
        }
    }

    Map<String, Long> createdCountByIdentifier() {
        Map<String, Long> counts = validations().stream()
                .collect(Collectors.groupingBy(CreatedValidation::identifier, TreeMap::new, Collectors.counting()));
        return Collections.unmodifiableMap(counts);
    }

    /** @param webhook null when no webhook URL is set */
    SimulatorStats stats(Gateway gateway, StatusTimeline timeline, WebhookSender webhook) {
        List<RecordedRequest> posts = requests().stream()
                .filter(r -> "POST".equals(r.method()) && VALIDATIONS_PATH.equals(r.path()))
                .toList();
        List<CreatedValidation> created = validations();
        long duplicates = createdCountByIdentifier().values().stream().filter(n -> n > 1).count();
        int maxInOneSecond = SlidingWindow.maxInAnyWindow(
                posts.stream().map(RecordedRequest::receivedAt).toList(), Duration.ofSeconds(1));
        return new SimulatorStats(posts.size(), created.size(), maxInOneSecond, duplicates,
                gateway.accepted(), gateway.rejected(), timeline.changes(),
                webhook == null ? 0 : webhook.delivered(), webhook == null ? 0 : webhook.failed());
    }

    void clear() {
        requests.clear();
        validations.clear();
    }
}
