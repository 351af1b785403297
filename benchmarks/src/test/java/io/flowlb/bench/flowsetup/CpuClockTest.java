package io.flowlb.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void readsUserAndSystemTicksFromAProcStatLineWhoseNameHasSpaces() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 70 0 0 20 0 30 0 1234";

        assertThat(CpuClock.parseStatTicks(stat)).isEqualTo(320);
    }

    @Test
    void reportsUnknownControllerCpuWithoutAPidAndThisJvmsCpuAlways() {
        CpuClock clock = new CpuClock(0);

        assertThat(clock.controllerNanos()).isEqualTo(-1);
        assertThat(clock.toolNanos()).isPositive();
    }
}
