package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    private static final String PROC_STAT_T0 = """
            cpu  14506 0 5704 120590 1760 0 117 67 0 0
            cpu0 6612 0 2217 62228 245 0 8 31 0 0
            cpu1 7893 0 3487 58361 1515 0 108 35 0 0
            intr 2186324 0 9 0 0 0 0 0 0 0 0 0 0 0 0
            ctxt 4521778
            btime 1763870000
            processes 21530
            procs_running 2
            procs_blocked 0
            softirq 953000 2 250000 0 1000 0 0 500 200000 0 501498
            """;

    /** 400 ticks later: 300 busy (user 200, system 80, irq/softirq 20), 100 idle, guest 50 inside user. */
    private static final String PROC_STAT_T1 = """
            cpu  14706 0 5784 120670 1780 10 127 67 50 0
            cpu0 6712 0 2257 62268 255 5 13 31 25 0
            cpu1 7993 0 3527 58401 1525 5 113 35 25 0
            intr 2190000 0 9 0 0 0 0 0 0 0 0 0 0 0 0
            """;

    @Test
    void readsBusyAndTotalTicksFromTheAggregateLineOnly() {
        CpuTimes t0 = CpuTimes.parseProcStat(PROC_STAT_T0);

        assertThat(t0.total()).isEqualTo(14506 + 5704 + 120590 + 1760 + 117 + 67);
        assertThat(t0.busy()).isEqualTo(14506 + 5704 + 117 + 67);
    }

    @Test
    void busyPercentIsTheBusyShareOfTheTicksBetweenTwoSamplesWithoutCountingGuestTwice() {
        CpuTimes t0 = CpuTimes.parseProcStat(PROC_STAT_T0);
        CpuTimes t1 = CpuTimes.parseProcStat(PROC_STAT_T1);

        // busy: 200 user + 80 system + 10 irq + 10 softirq = 300; idle 80 + iowait 20 = 100.
        assertThat(t1.busyPercentSince(t0)).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void noReadingWhenNoTimePassedOrCountersWentBackwards() {
        CpuTimes t0 = CpuTimes.parseProcStat(PROC_STAT_T0);
        CpuTimes t1 = CpuTimes.parseProcStat(PROC_STAT_T1);

        assertThat(t0.busyPercentSince(t0)).isNaN();
        assertThat(t0.busyPercentSince(t1)).isNaN();
    }

    @Test
    void idleHostReadsZeroAndFullyBusyHostReadsHundred() {
        CpuTimes start = new CpuTimes(1_000, 5_000);

        assertThat(new CpuTimes(1_000, 6_000).busyPercentSince(start)).isZero();
        assertThat(new CpuTimes(2_000, 6_000).busyPercentSince(start)).isEqualTo(100.0);
    }

    @Test
    void acceptsOldKernelsWithOnlyFourFields() {
        CpuTimes t = CpuTimes.parseProcStat("cpu  10 2 3 85\n");

        assertThat(t.total()).isEqualTo(100);
        assertThat(t.busy()).isEqualTo(15);
    }

    @Test
    void rejectsTextWithoutAnAggregateLineOrWithBadNumbers() {
        assertThatThrownBy(() -> CpuTimes.parseProcStat("cpu0 1 2 3 4\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no aggregate");
        assertThatThrownBy(() -> CpuTimes.parseProcStat("cpu  1 x 3 4\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> CpuTimes.parseProcStat("cpu  1 2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
    }
}
