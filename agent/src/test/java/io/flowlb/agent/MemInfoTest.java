package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MemInfoTest {

    @Test
    void usedMemoryIsTotalMinusAvailableSoPageCacheDoesNotCountAsUsed() {
        String meminfo = """
                MemTotal:        8000000 kB
                MemFree:          500000 kB
                MemAvailable:    6000000 kB
                Buffers:          100000 kB
                Cached:          5000000 kB
                SwapCached:            0 kB
                HugePages_Total:       0
                Hugepagesize:       2048 kB
                """;

        assertThat(MemInfo.usedPercent(meminfo)).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void oldKernelsWithoutMemAvailableUseFreePlusBuffersPlusCached() {
        String meminfo = """
                MemTotal:        1000000 kB
                MemFree:          200000 kB
                Buffers:           50000 kB
                Cached:           150000 kB
                """;

        assertThat(MemInfo.usedPercent(meminfo)).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void noReadingWithoutMemTotal() {
        assertThat(MemInfo.usedPercent("MemFree: 100 kB\nMemAvailable: 100 kB\n")).isNaN();
        assertThat(MemInfo.usedPercent("MemTotal: lots kB\nMemAvailable: 100 kB\n")).isNaN();
        assertThat(MemInfo.usedPercent("")).isNaN();
    }
}
