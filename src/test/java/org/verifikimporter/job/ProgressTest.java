package org.verifikimporter.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-26T01:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final List<String> shown = new ArrayList<>();

    Progress progress(long total, Duration every) {
        return new Progress("users.csv", total, clock, every, (s, last) -> shown.add((last ? "LAST " : "") + s.line()));
    }

    @Test
    void logLinesComeAtMostOncePerIntervalWithRateAndEta() {
        Progress p = progress(50_000, Duration.ofSeconds(10));
        for (int second = 1; second <= 25; second++) {
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 5; i++) {
                p.rowDone(i != 0);   // 1 failed, then 4 created, every second
            }
        }
        // 25 seconds of rows: a line at 10 s and one at 20 s, not one per row
        assertThat(shown).containsExactly(
                "users.csv: 46 of 50000 rows (0%), 36 created, 10 failed, 4.6 rows/s, ETA 3h 01m",
                "users.csv: 96 of 50000 rows (0%), 76 created, 20 failed, 4.8 rows/s, ETA 2h 53m");
        p.finish();
        p.finish();
        assertThat(shown).hasSize(3).last().asString()
                .isEqualTo("LAST users.csv: 125 of 50000 rows (0%), 100 created, 25 failed, 5.0 rows/s, ETA 2h 46m");
    }

    @Test
    void noTotalNoEta() {
        Progress p = progress(RowCounter.UNKNOWN, Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        p.rowDone(true);
        assertThat(shown).containsExactly("users.csv: 1 rows, 1 created, 0 failed, 0.1 rows/s");
    }

    @Test
    void theTerminalBarIsRedrawnInPlaceAndEndsWithALineBreak() {
        StringWriter buffer = new StringWriter();
        Progress p = Progress.terminalBar(new PrintWriter(buffer), clock).start("big.csv", 4);
        clock.advance(Duration.ofSeconds(1));
        p.rowDone(true);
        clock.advance(Duration.ofSeconds(1));
        p.rowDone(false);
        p.finish();
        String out = buffer.toString();
        assertThat(out).startsWith("\rbig.csv [=======>                      ]  25% 1/4  1.0 rows/s  ETA 3s\u001b[K")
                .contains("\rbig.csv [===============>              ]  50% 2/4  1.0 rows/s  ETA 2s  1 failed\u001b[K")
                .endsWith("\u001b[K" + System.lineSeparator());
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    /** Issue 14, point 5: the last rows wait out the grace period before their lookup; the line says so. */
    @Test
    void rowsWaitingForTheLookupOfAnUnknownOutcomeAreNamedAndTheWaitReplacesTheEta() {
        Progress p = progress(300, Duration.ofSeconds(10));
        for (int i = 0; i < 297; i++) {
            p.rowStarted();
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 297; i++) {
            p.rowDone(true);
        }
        for (long row = 299; row <= 301; row++) {
            p.rowStarted();
            p.waitingForLookup(row, clock.instant().plusSeconds(row == 301 ? 24 : 10));
        }
        assertThat(shown).containsExactly("users.csv: 1 of 300 rows (0%), 1 created, 0 failed, 0.0 rows/s, ETA 2h 29m");
        shown.clear();

        // nothing finishes while they wait: the ticker shows it on, once per interval
        clock.advance(Duration.ofSeconds(5));
        p.tick();
        assertThat(shown).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        p.tick();
        assertThat(shown).containsExactly("users.csv: 297 of 300 rows (99%), 297 created, 0 failed, 7.4 rows/s, "
                + "waiting 14s to look up 3 rows whose outcome is unknown");
        assertThat(p.snapshot().bar(30)).endsWith("99% 297/300  7.4 rows/s  waiting 14s to look up 3 rows whose "
                + "outcome is unknown").doesNotContain("ETA");
        assertThat(p.snapshot().inFlight()).isEqualTo(3);

        // once looked up, the row no longer waits
        p.lookingUp(299);
        p.lookingUp(300);
        assertThat(p.snapshot().waitingFor()).isEqualTo("waiting 14s to look up 1 row whose outcome is unknown");
        p.lookingUp(301);
        clock.advance(Duration.ofSeconds(10));
        p.tick();
        assertThat(shown).hasSize(1);
        assertThat(p.snapshot().line()).doesNotContain("waiting");
    }

    /** While other rows are still to come, the wait is said beside the ETA, not instead of it. */
    @Test
    void aRowWaitingMidFileIsNamedBesideTheEta() {
        Progress p = progress(100, Duration.ofSeconds(1));
        p.rowStarted();
        p.waitingForLookup(2, clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(1));
        p.rowStarted();
        p.rowDone(true);
        assertThat(shown).containsExactly("users.csv: 1 of 100 rows (1%), 1 created, 0 failed, 1.0 rows/s, ETA 1m 39s, "
                + "waiting 29s to look up 1 row whose outcome is unknown");
    }

    @TempDir
    Path tmp;

    @Test
    void thePreCountCountsRecordsNotLinesAndSkipsBlankOnes() throws Exception {
        Path f = tmp.resolve("a.csv");
        Files.writeString(f, "\uFEFFidentifier,notes\r\na,\"two\r\nlines\"\r\n\r\n,\r\nb,x\r\nc,\"3\n4\n5\"\n");
        assertThat(RowCounter.count(f)).isEqualTo(3);
        // a broken row is one row (MALFORMED_ROW), and the line after it is read as a row of its own
        Files.writeString(f, "identifier,notes\na,\"never closed\nb,x\n");
        assertThat(RowCounter.count(f)).isEqualTo(2);
        assertThat(RowCounter.scan(new java.io.StringReader("identifier,notes\na,\"never closed\nb,x\n"), ',', 1000))
                .isEqualTo(new RowCounter.Count(2, 1));
        assertThat(RowCounter.scan(new java.io.StringReader("identifier,notes\na,\"two\nlines\"\n"), ',', 1000).clean())
                .isTrue();
        Files.writeString(f, "PK\u0003\u0004 a zip");
        assertThat(RowCounter.count(f)).isEqualTo(RowCounter.UNKNOWN);
        Files.writeString(f, "identifier\n");
        assertThat(RowCounter.count(f)).isZero();
    }
}
