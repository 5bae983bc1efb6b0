package org.verifikimporter.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerFactory;

/**
 * What the unit tests of the pieces share: a fixed clock, a real embedded SQLite ledger, and real imports
 * ({@link ImportJob}) over a temporary outbox whose rows are mapped as the file route maps them.
 */
public final class JobFixture {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Duration DAY = Duration.ofHours(24);
    /** The input's columns: the four required fields, and one column the API does not know. */
    public static final List<String> HEADER = List.of("identifier", "project", "projectFlow", "type", "notes");

    private JobFixture() {
    }

    /** The embedded ledger (an empty url), as the importer opens it under importer.state. */
    public static Ledger ledger(Path state) {
        return LedgerFactory.open("", "", "", state, CLOCK);
    }

    /** A content digest of the right shape; each test names its own content by one letter. */
    public static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    /** An import whose earlier imports are checked and whose header is read: ready to map rows. */
    public static ImportJob begun(Path outbox, Ledger ledger, String fileName, String sha256, boolean dryRun)
            throws IOException {
        return begun(outbox, ledger, fileName, sha256, dryRun, DAY);
    }

    public static ImportJob begun(Path outbox, Ledger ledger, String fileName, String sha256, boolean dryRun,
                                  Duration dedupeWindow) throws IOException {
        ImportJob job = new ImportJob(fileName, sha256, dryRun, outbox, Map.of(), CLOCK, ledger, dedupeWindow);
        job.checkEarlierImports(false);
        job.header(HEADER);
        return job;
    }

    /** A valid row for {@link ImporterHarness#P1} / {@link ImporterHarness#F_LOGIN}. */
    public static CsvRow person(long rowNumber, String identifier) {
        return new CsvRow(rowNumber, List.of(identifier, ImporterHarness.P1, ImporterHarness.F_LOGIN, "login",
                "note " + rowNumber));
    }

    /** A row that fails the field rules: INVALID_TYPE. */
    public static CsvRow badType(long rowNumber, String identifier) {
        return new CsvRow(rowNumber, List.of(identifier, ImporterHarness.P1, ImporterHarness.F_LOGIN, "nope",
                "note " + rowNumber));
    }

    /** The ledger's id of the newest import of this content. */
    public static long runId(Ledger ledger, String sha256) {
        return ledger.runs(sha256).get(0).id();
    }

    /** The ledger's person key of a row made by {@link #person}. */
    public static String personHash(String identifier) {
        return RowScreen.personHash(String.join("\u0000", ImporterHarness.P1, ImporterHarness.F_LOGIN, identifier,
                "login"));
    }
}
