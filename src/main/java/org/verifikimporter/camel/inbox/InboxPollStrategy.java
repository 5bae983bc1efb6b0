package org.verifikimporter.camel.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.job.FilePlacement;
import org.verifikimporter.job.RunResults;

/**
 * Around each poll of the inbox. Before it: files whose names the consumer cannot open are rejected with a
 * reason (moved to rejected/), since the consumer would otherwise fail on them before any route sees them.
 * After it: in {@code run}, the end of the one poll (every file it took processed, or none found) ends the
 * run, whatever became of each file. Without that the run waited for the poll's last file, which never comes
 * when the consumer skips that file before the route sees it (still being written past the read-lock
 * timeout, removed meanwhile, a lock it cannot take).
 */
public final class InboxPollStrategy extends DefaultPollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger("verifik.importer.file");

    private final Path inbox;
    private final FilePlacement placement;
    private final RunResults results;
    private final Runnable onEnd;

    /**
     * @param onEnd what the end of a poll does: ends {@code run}; nothing in {@code watch}
     */
    public InboxPollStrategy(Path inbox, FilePlacement placement, RunResults results, Runnable onEnd) {
        this.inbox = inbox;
        this.placement = placement;
        this.results = results;
        this.onEnd = onEnd;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String reason = UnopenableNames.problem(name);
                if (reason != null && Files.isRegularFile(file)) {
                    Path target = placement.reject(file, reason);
                    results.add(new FileOutcome(name, null, 0, 0, 0, Map.of(), true, false, reason));
                    results.rejectedTo(name, target);
                    LOG.warn("{}: rejected: {}; moved to {}", Printable.of(name), reason, Printable.of(target.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        onEnd.run();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) throws Exception {
        boolean retry = super.rollback(consumer, endpoint, retryCounter, e);
        onEnd.run();
        return retry;
    }
}
