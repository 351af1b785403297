package io.flowlb.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

    @Test
    void spacesRequestsEvenlyAtTheRate() {
        RateSchedule s = new RateSchedule(1_000, 4_000, 2.0); // one every 250 us
        assertEquals(8_000, s.requests());
        assertEquals(1_000, s.intendedNanos(0));
        assertEquals(1_000 + 250_000, s.intendedNanos(1));
        assertEquals(1_000 + 7_999L * 250_000, s.intendedNanos(7_999));
        assertEquals(-1, s.nextDueNanos(8_000));
    }

    @Test
    void countsTheRequestsDueWhateverHappenedBefore() {
        RateSchedule s = new RateSchedule(0, 1_000, 1.0); // one every ms
        assertEquals(0, s.dueAt(-1));
        assertEquals(1, s.dueAt(0));
        assertEquals(1, s.dueAt(999_999));
        assertEquals(2, s.dueAt(1_000_000));
        // A generator that looks only after a 100 ms stall finds the 100 requests due meanwhile.
        assertEquals(101, s.dueAt(100_000_000));
        assertEquals(1_000, s.dueAt(5_000_000_000L), "never more than the run holds");
    }

    @Test
    void keepsAnOddRateExactOverALongRun() {
        RateSchedule s = new RateSchedule(0, 3, 100.0); // one every 333,333.33 ns
        for (long i = 0; i < s.requests(); i++) {
            long t = s.intendedNanos(i);
            assertEquals(i + 1, s.dueAt(t), "request " + i + " is due at its own time");
            assertEquals(i, s.dueAt(t - 1), "and not a nanosecond before");
        }
        assertEquals(99_666_666_666L, s.intendedNanos(299));
    }

    @Test
    void rejectsARateThatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new RateSchedule(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateSchedule(0, 10, -1));
    }
}
