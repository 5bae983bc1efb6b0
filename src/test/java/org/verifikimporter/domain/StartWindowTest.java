package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StartWindowTest {

    static final long MS = 1_000_000L;
    static final long WINDOW = 1010 * MS;
    static final long SECOND = 1000 * MS;

    @Test
    void theFirstRateTicketsGoAtOnceAndTheNextCountsFromWhenTheFirstWentOut() {
        StartWindow w = new StartWindow(2, WINDOW);
        long t0 = w.issue(0);
        long t1 = w.issue(0);
        assertThat(w.nanosUntilNext(0)).as("ticket 0 has not gone out").isEqualTo(StartWindow.UNSETTLED);
        w.sent(t1, 5 * MS);
        assertThat(w.nanosUntilNext(5 * MS)).as("still waiting for ticket 0, not ticket 1").isEqualTo(StartWindow.UNSETTLED);
        // opening ticket 0's connection took 80 ms: the window runs from there, not from its permit
        w.sent(t0, 80 * MS);
        assertThat(w.nanosUntilNext(100 * MS)).isEqualTo(990 * MS);
        assertThat(w.nanosUntilNext(1090 * MS)).isZero();
        long t2 = w.issue(1090 * MS);
        assertThat(t2).isEqualTo(2);
        assertThat(w.nanosUntilNext(1090 * MS)).as("ticket 1 went out at 5 ms: ticket 3 is due already").isZero();
    }

    @Test
    void theFirstTicketsKeepAWiderMargin() {
        StartWindow w = new StartWindow(2, SECOND, 25 * MS, 400 * MS);
        for (int i = 0; i < 2; i++) {
            w.sent(w.issue(0), 0);
        }
        assertThat(w.nanosUntilNext(0)).as("after a first ticket").isEqualTo(1400 * MS);
        w.sent(w.issue(1400 * MS), 1400 * MS);
        w.sent(w.issue(1400 * MS), 1400 * MS);
        assertThat(w.nanosUntilNext(1400 * MS)).as("after a later one").isEqualTo(1025 * MS);
    }

    @Test
    void anAnswerBackSoonerThanTheMarginFreesTheWindowFromTheAnswer() {
        StartWindow w = new StartWindow(2, SECOND, 25 * MS, 400 * MS);
        long t0 = w.issue(0);
        long t1 = w.issue(0);
        w.sent(t0, 0);
        w.sent(t1, 0);
        // ticket 0 was answered 40 ms after it went out: it reached the server by then, so the first margin of
        // 400 ms gives way to the answer, plus the slack of a server counting in milliseconds
        w.answered(t0, 40 * MS);
        assertThat(w.nanosUntilNext(40 * MS)).isEqualTo(SECOND + 2 * MS);
        long t2 = w.issue(1042 * MS);
        w.sent(t2, 1042 * MS);
        w.sent(w.issue(1400 * MS), 1400 * MS);
        // an answer 100 ms after it went out, when the quickest took 40: what it took beyond may have been spent on
        // the way in (a stall), so the window counts from that long after it went out, more than the 25 ms margin
        // (the quickest moves up a sixteenth of the way towards the slow answer: 43.75 ms)
        w.answered(t2, 1142 * MS);
        long beyond = 100 * MS - (40 * MS + 60 * MS / 16);
        assertThat(w.nanosUntilNext(1400 * MS)).isEqualTo(1042 * MS + beyond + 2 * MS + SECOND - 1400 * MS);
        // an answer to a ticket whose request never went out, or reported twice, is not taken
        long t4 = w.issue(2104 * MS);
        w.notSent(t4);
        w.answered(t4, 2104 * MS);
        assertThat(w.nanosUntilNext(2104 * MS)).as("ticket 3 is next, unanswered: 1400 + 1025 ms").isEqualTo(321 * MS);
    }

    @Test
    void aFarServerAnsweringSlowlyButEvenlyIsHeldToTheMarginNotItsAnswers() {
        StartWindow w = new StartWindow(1, SECOND, 25 * MS, 25 * MS);
        long now = 0;
        for (int i = 0; i < 5; i++) {
            now += w.nanosUntilNext(now);
            long t = w.issue(now);
            w.sent(t, now);
            // 300 ms there and back, give or take 10: the way in is about the same each time
            w.answered(t, now + (300 + (i % 2) * 10) * MS);
        }
        assertThat(w.nanosUntilNext(now)).as("25 ms margin plus the slack, not 300 ms").isEqualTo(SECOND + 27 * MS);
    }

    @Test
    void aTicketThatNeverWentOutCountsFromItsPermit() {
        StartWindow w = new StartWindow(1, WINDOW);
        long t = w.issue(100 * MS);
        w.notSent(t);
        assertThat(w.nanosUntilNext(100 * MS)).isEqualTo(WINDOW);
        // a late report of a ticket already given up changes nothing
        w.sent(t, 900 * MS);
        assertThat(w.nanosUntilNext(100 * MS)).isEqualTo(WINDOW);
    }

    @Test
    void aTicketIsOnlyIssuedWhenDue() {
        StartWindow w = new StartWindow(1, WINDOW);
        long t = w.issue(0);
        assertThatThrownBy(() -> w.issue(0)).isInstanceOf(IllegalStateException.class);
        w.sent(t, 0);
        assertThatThrownBy(() -> w.issue(WINDOW - 1)).isInstanceOf(IllegalStateException.class);
        assertThat(w.issue(WINDOW)).isEqualTo(1);
    }

    /** Whatever the delays between permit and wire, no window of one second holds more than the rate. */
    @Test
    void noSecondHoldsMoreThanTheRateWhateverTheDelaysAndALongRunKeepsNearTheRate() {
        int rate = 20;
        StartWindow w = new StartWindow(rate, WINDOW);
        Random random = new Random(42);
        List<Long> starts = new ArrayList<>();
        long now = 0;
        // one caller at a time: it waits as the window says, then its request goes out after a random delay
        // (mostly a millisecond, sometimes a connection to open)
        for (int i = 0; i < 2000; i++) {
            long wait = w.nanosUntilNext(now);
            assertThat(wait).isNotEqualTo(StartWindow.UNSETTLED);
            now += wait;
            long ticket = w.issue(now);
            long delay = random.nextInt(10) == 0 ? (20 + random.nextInt(100)) * MS : random.nextInt(2 * (int) MS);
            if (random.nextInt(50) == 0) {
                w.notSent(ticket);
                continue;
            }
            starts.add(now + delay);
            w.sent(ticket, now + delay);
        }
        starts.sort(Long::compare);
        int most = 0;
        for (int i = 0, j = 0; i < starts.size(); i++) {
            while (starts.get(i) - starts.get(j) >= 1000 * MS) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        assertThat(most).isLessThanOrEqualTo(rate);
        double perSecond = starts.size() / ((starts.get(starts.size() - 1) - starts.get(0)) / 1e9);
        assertThat(perSecond).isGreaterThan(rate * 0.95);
    }

    /**
     * Requests arrive at the last moment they can, just before their answer comes back: counted where they arrive,
     * no second holds more than the rate, though now and then an answer takes far longer than the margin (a
     * stall, on the way in for all the window can tell).
     */
    @Test
    void countedWhereTheyArriveNoSecondHoldsMoreThanTheRateThoughSomeAnswersStall() {
        List<Long> arrivals = arrivals(new Random(7), 20);
        assertThat(mostInOneSecond(arrivals)).isLessThanOrEqualTo(20);
    }

    /** Against a server that answers within a millisecond or two, the pace is all but the rate. */
    @Test
    void answersThatComeAtOnceCostAlmostNothing() {
        List<Long> arrivals = arrivals(new Random(7), 0);
        assertThat(mostInOneSecond(arrivals)).isLessThanOrEqualTo(20);
        double perSecond = (arrivals.size() - 1) / ((arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9);
        assertThat(perSecond).as("a 25 ms margin alone would allow 19.5").isGreaterThan(19.8);
    }

    /** 2000 calls at rate 20, one caller always waiting; one answer in {@code stallOneIn} takes up to 300 ms. */
    private static List<Long> arrivals(Random random, int stallOneIn) {
        StartWindow w = new StartWindow(20, SECOND, 25 * MS, 400 * MS).spaced(1, 50 * MS);
        List<Long> arrivals = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 2000; i++) {
            long wait = w.nanosUntilNext(now);
            assertThat(wait).isNotEqualTo(StartWindow.UNSETTLED);
            now += wait;
            long ticket = w.issue(now);
            long sent = now + random.nextInt((int) MS);
            boolean stall = stallOneIn > 0 && random.nextInt(stallOneIn) == 0;
            long answer = sent + (stall ? random.nextInt(300) * MS : random.nextInt(2 * (int) MS));
            w.sent(ticket, sent);
            arrivals.add(answer);
            now = sent; // the next caller is already waiting; the window hears of the answer before it decides
            w.answered(ticket, answer);
        }
        arrivals.sort(Long::compare);
        return arrivals;
    }

    private static int mostInOneSecond(List<Long> sorted) {
        int most = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= SECOND) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    @Test
    void spacedStartsFollowATimelineOneIntervalATicket() {
        StartWindow w = new StartWindow(20, WINDOW).spaced(1, 50 * MS);
        long t0 = w.issue(0);
        assertThat(w.nanosUntilNext(0)).as("ticket 0 has not gone out").isEqualTo(StartWindow.UNSETTLED);
        w.sent(t0, 2 * MS);
        // the timeline says 50 ms; the 2 ms ticket 0 took to go out are not added to it
        assertThat(w.nanosUntilNext(2 * MS)).isEqualTo(48 * MS);
        // woken 10 ms late, at 60 ms: the next one makes up 2 ms of that, no more, so two never go out much
        // closer than an interval
        w.sent(w.issue(60 * MS), 61 * MS);
        assertThat(w.nanosUntilNext(61 * MS)).isEqualTo(47 * MS);
    }

    @Test
    void aRequestSlowToGoOutIsNotFollowedCloselyByTheNext() {
        StartWindow w = new StartWindow(20, WINDOW).spaced(1, 50 * MS);
        // its connection took 40 ms to open; the next ticket waits for 90% of an interval after that
        w.sent(w.issue(0), 40 * MS);
        assertThat(w.nanosUntilNext(40 * MS)).isEqualTo(45 * MS);
        w.sent(w.issue(85 * MS), 85 * MS);
        // a slower pace applies to the next ticket at once
        w.interval(100 * MS);
        assertThat(w.nanosUntilNext(85 * MS)).isEqualTo(90 * MS);
    }

    @Test
    void atTheWireARequestWaitsOutTheSlackItsTicketWasGiven() {
        StartWindow w = new StartWindow(20, WINDOW).spaced(1, 50 * MS);
        long t0 = w.issue(0);
        assertThat(w.nanosUntilWire(t0, 1 * MS)).as("the first has nobody before it").isZero();
        w.sent(t0, 6 * MS); // 6 ms from ticket to wire
        long t1 = w.issue(w.nanosUntilNext(6 * MS) + 6 * MS);
        // issued at 51 ms (90% of an interval after 6 ms), it reaches the wire at 52: 4 ms too close for a
        // gateway that takes one request per 50 ms
        assertThat(w.nanosUntilWire(t1, 52 * MS)).isEqualTo(4 * MS);
        assertThat(w.nanosUntilWire(t1, 56 * MS)).isZero();
        w.sent(t1, 56 * MS);
        long t2 = w.issue(w.nanosUntilNext(56 * MS) + 56 * MS);
        w.notSent(t2);
        assertThat(w.nanosUntilWire(w.issue(w.nanosUntilNext(110 * MS) + 110 * MS), 110 * MS))
                .as("after one that never went out, nothing to wait for").isZero();
    }

    @Test
    void aBurstGoesTogetherThenWaitsItsIntervals() {
        StartWindow w = new StartWindow(20, WINDOW).spaced(3, 50 * MS);
        for (int i = 0; i < 3; i++) {
            assertThat(w.nanosUntilNext(0)).isZero();
            w.sent(w.issue(0), 0);
        }
        assertThat(w.nanosUntilNext(0)).as("three intervals after the first of the burst, less the wire's slack")
                .isEqualTo(145 * MS);
    }

    @Test
    void spacedOrNotNoWindowHoldsMoreThanTheRate() {
        StartWindow w = new StartWindow(4, WINDOW).spaced(4, 10 * MS);
        List<Long> starts = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 12; i++) {
            now += w.nanosUntilNext(now);
            w.sent(w.issue(now), now);
            starts.add(now);
        }
        for (int i = 4; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 4)).isGreaterThanOrEqualTo(WINDOW);
        }
    }
}
