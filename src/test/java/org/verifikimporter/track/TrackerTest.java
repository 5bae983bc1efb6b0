package org.verifikimporter.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.verifikimporter.ledger.TrackCandidate;
import org.verifikimporter.ledger.ValidationStatusRepository.Observed;
import org.verifikimporter.reconcile.ListPages;

/** How a pass chooses between the list and single reads, over a fake Verifik holding validations in order. */
class TrackerTest {

    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    /** Verifik's validations, oldest first; lists them by creation time as the importer asks (sort=createdAt). */
    static final class FakeVerifik implements StatusReads {
        final Map<String, String> statuses = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();
        int rateLimitedFirst;

        FakeVerifik with(int n, String prefix, String status) {
            IntStream.range(0, n).forEach(i -> statuses.put(prefix + i, status));
            return this;
        }

        @Override
        public ListPages.Page list(String query) {
            asked.add("list " + query);
            if (rateLimitedFirst-- > 0) {
                return new ListPages.Page(429, "{}");
            }
            int page = Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1"));
            List<Map.Entry<String, String>> all = new ArrayList<>(statuses.entrySet());
            int pages = Math.max(1, (all.size() + 99) / 100);
            String docs = all.stream().skip((page - 1) * 100L).limit(100)
                    .map(e -> "{\"_id\":\"" + e.getKey() + "\",\"status\":\"" + e.getValue() + "\"}")
                    .collect(Collectors.joining(","));
            return new ListPages.Page(200, "{\"data\":{\"docs\":[" + docs + "],\"total\":" + all.size()
                    + ",\"page\":" + page + ",\"pages\":" + pages + "}}");
        }

        @Override
        public ListPages.Page one(String id) {
            asked.add("one " + id);
            String status = statuses.get(id);
            return status == null ? new ListPages.Page(404, "{\"message\":\"404:biometric_validation_not_found\"}")
                    : new ListPages.Page(200, "{\"data\":{\"_id\":\"" + id + "\",\"status\":\"" + status + "\"}}");
        }

        long lists() {
            return asked.stream().filter(a -> a.startsWith("list")).count();
        }
    }

    static List<TrackCandidate> candidates(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new TrackCandidate(1, i + 2, prefix + i, "new",
                T0.plusMillis(i), "people.csv", Path.of("/out/p"))).toList();
    }

    @Test
    void manyCandidatesAreReadFromTheListWithinItsPages() {
        FakeVerifik verifik = new FakeVerifik().with(1200, "bv-", "completed").with(800, "bw-", "new");
        List<TrackCandidate> wanted = new ArrayList<>(candidates("bv-", 1200));
        wanted.addAll(candidates("bw-", 800));

        Tracker.Pass pass = new Tracker(verifik).read(wanted, () -> false);

        assertThat(pass.observed()).hasSize(2000);
        assertThat(pass.listCalls()).isEqualTo(20).isLessThanOrEqualTo(2000 / Tracker.PER_PAGE + 10);
        assertThat(pass.singleReads()).isZero();
        assertThat(verifik.asked.get(0)).contains("where%3E_createdAt=2026-11-25T11%3A58%3A00Z", "perPage=100",
                "page=1");
    }

    @Test
    void fewCandidatesAmongManyListedAreReadOneByOne() {
        FakeVerifik verifik = new FakeVerifik().with(5000, "other-", "new").with(3, "bv-", "failed");

        Tracker.Pass pass = new Tracker(verifik).read(candidates("bv-", 3), () -> false);

        assertThat(verifik.lists()).as("one page tells there are 50").isEqualTo(1);
        assertThat(pass.singleReads()).isEqualTo(3);
        assertThat(pass.observed()).extracting(Observed::status).containsOnly("failed").hasSize(3);
    }

    @Test
    void oneCandidateIsASingleReadAndA404IsNothing() {
        FakeVerifik verifik = new FakeVerifik().with(1, "bv-", "expired");
        List<TrackCandidate> two = List.of(candidates("bv-", 1).get(0));

        Tracker.Pass pass = new Tracker(verifik).read(two, () -> false);
        assertThat(verifik.asked).containsExactly("one bv-0");
        assertThat(pass.observed()).containsExactly(new Observed("bv-0", "expired"));

        Tracker.Pass gone = new Tracker(verifik).read(candidates("nope-", 1), () -> false);
        assertThat(gone.notFound()).isEqualTo(1);
        assertThat(gone.observed()).isEmpty();
    }

    @Test
    void aCandidateTheListDoesNotShowIsReadOnItsOwn() {
        FakeVerifik verifik = new FakeVerifik().with(150, "bv-", "completed");
        List<TrackCandidate> wanted = new ArrayList<>(candidates("bv-", 150));
        wanted.addAll(candidates("gone-", 1));

        Tracker.Pass pass = new Tracker(verifik).read(wanted, () -> false);

        assertThat(pass.listCalls()).isEqualTo(2);
        assertThat(pass.singleReads()).isEqualTo(1);
        assertThat(pass.notFound()).isEqualTo(1);
        assertThat(pass.observed()).hasSize(150);
    }

    @Test
    void aRateLimitedPageIsAskedAgainAndAStoppedPassCallsNoMore() {
        FakeVerifik verifik = new FakeVerifik().with(150, "bv-", "completed");
        verifik.rateLimitedFirst = 2;
        Tracker.Pass pass = new Tracker(verifik).read(candidates("bv-", 150), () -> false);
        assertThat(pass.observed()).hasSize(150);
        assertThat(pass.listCalls()).isEqualTo(4);

        FakeVerifik second = new FakeVerifik().with(150, "bv-", "completed");
        Tracker.Pass stopped = new Tracker(second).read(candidates("bv-", 150), () -> true);
        assertThat(second.asked).isEmpty();
        assertThat(stopped.unread()).isEqualTo(150);
    }
}
