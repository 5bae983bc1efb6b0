package org.verifikimporter.camel.health;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.verifikimporter.domain.Printable;

/**
 * Readiness: the inbox ({@code importer.inbox}) is there, is a folder and can be listed. Without it no file
 * can arrive, while the process itself is fine (so it is not a liveness check: a restart would not help).
 * The message names the folder and what is wrong with it; nothing else (no exception, no stack trace).
 */
public final class InboxHealthCheck extends AbstractHealthCheck {

    private final Path inbox;

    public InboxHealthCheck(Path inbox) {
        super("importer", "inbox");
        this.inbox = inbox.toAbsolutePath();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problem = problem();
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }

    /** Null when the inbox can be read. */
    String problem() {
        String shown = Printable.of(inbox.toString());
        if (!Files.exists(inbox)) {
            return "the inbox " + shown + " does not exist (importer.inbox); create it or mount the volume";
        }
        if (!Files.isDirectory(inbox)) {
            return "the inbox " + shown + " is not a folder (importer.inbox)";
        }
        // listing it is what the file consumer does on every poll; Files.isReadable alone says nothing to root
        try (DirectoryStream<Path> ignored = Files.newDirectoryStream(inbox)) {
            return null;
        } catch (IOException | SecurityException e) {
            return "the inbox " + shown + " cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions for the importer's user";
        }
    }
}
