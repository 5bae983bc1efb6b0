package org.verifikimporter.track;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.ledger.Funnel;
import org.verifikimporter.ledger.TrackCandidate;
import org.verifikimporter.ledger.ValidationStatusRepository;
import org.verifikimporter.ledger.ValidationStatusRepository.Applied;
import org.verifikimporter.ledger.ValidationStatusRepository.Observed;

/**
 * One tracking pass: the created validations of the last {@code importer.track-window} whose status is not
 * final are read from Verifik ({@link Tracker}), every status told goes into the ledger as a read, and each run
 * whose statuses changed gets its {@code status.csv} rewritten. A pass with no change writes no change and no
 * file.
 */
public final class TrackPass {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.track");

    private final ValidationStatusRepository statuses;
    private final Clock clock;
    private final Duration window;

    public TrackPass(ValidationStatusRepository statuses, Clock clock, Duration window) {
        this.statuses = statuses;
        this.clock = clock;
        this.window = window;
    }

    /** One run the pass looked at: its funnel after the pass, and how many of its statuses changed. */
    public record RunTracked(long runId, String fileName, Path reportDir, Funnel funnel, int changed) {
    }

    /** @param candidates how many validations were read; {@code reads} what the reads cost and missed */
    public record Result(int candidates, int changed, List<RunTracked> runs, Tracker.Pass reads) {
    }

    public Result run(Tracker tracker, BooleanSupplier stopped) {
        Instant since = clock.instant().minus(window);
        List<TrackCandidate> candidates = statuses.trackCandidates(since);
        if (candidates.isEmpty()) {
            return new Result(0, 0, List.of(), new Tracker.Pass(List.of(), 0, 0, 0, 0, null));
        }
        Tracker.Pass reads = tracker.read(candidates, stopped);
        Map<String, TrackCandidate> byId = new LinkedHashMap<>();
        candidates.forEach(c -> byId.put(c.validationId(), c));
        List<Applied> applied = statuses.applyAll(reads.observed(), clock.instant(), "read");
        Map<Long, Integer> changedByRun = new LinkedHashMap<>();
        Map<Long, TrackCandidate> runs = new LinkedHashMap<>();
        candidates.forEach(c -> runs.putIfAbsent(c.runId(), c));
        int changed = 0;
        for (int i = 0; i < applied.size(); i++) {
            if (applied.get(i) == Applied.CHANGED) {
                Observed o = reads.observed().get(i);
                changedByRun.merge(byId.get(o.validationId()).runId(), 1, Integer::sum);
                changed++;
            }
        }
        List<RunTracked> tracked = new ArrayList<>();
        for (TrackCandidate run : runs.values()) {
            int runChanged = changedByRun.getOrDefault(run.runId(), 0);
            var ofRun = statuses.statusesOfRun(run.runId());
            if (runChanged > 0) {
                rewrite(run, ofRun);
            }
            tracked.add(new RunTracked(run.runId(), run.fileName(), run.reportDir(), Funnel.of(ofRun), runChanged));
        }
        LOG.info("Tracking pass: {} validations read ({} list pages, {} single reads), {} changed, {} not found, "
                + "{} not read", candidates.size(), reads.listCalls(), reads.singleReads(), changed, reads.notFound(),
                reads.unread());
        return new Result(candidates.size(), changed, tracked, reads);
    }

    private static void rewrite(TrackCandidate run, List<org.verifikimporter.ledger.RunStatus> ofRun) {
        try {
            StatusFiles.rewrite(run.reportDir(), ofRun);
        } catch (RuntimeException e) {
            // the ledger has the statuses; the next change writes the file again
            LOG.warn("{}: status.csv not rewritten ({})", org.verifikimporter.domain.Printable.of(run.fileName()),
                    e.getMessage());
        }
    }
}
