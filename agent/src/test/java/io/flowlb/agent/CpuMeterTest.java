package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void procStatMeterGivesNoReadingUntilItHasTwoSamples() throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "cpu  100 0 100 800 0 0 0 0 0 0\n");
        CpuMeter meter = CpuMeter.procStat(stat);

        assertThat(meter.sample(0)).isNaN();
        Files.writeString(stat, "cpu  150 0 150 900 0 0 0 0 0 0\n");
        assertThat(meter.sample(SECOND)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void cgroupV1MeterReportsUsageAgainstTheGroupsCpuQuota() throws IOException {
        Path selfCgroup = write("self-cgroup", """
                12:pids:/h1
                4:memory:/h1
                3:cpuacct:/h1
                1:cpu:/h1
                0::/
                """);
        Path usage = write("cg/cpuacct/h1/cpuacct.usage", "1000000000\n");
        write("cg/cpu/h1/cpu.cfs_quota_us", "50000\n");
        write("cg/cpu/h1/cpu.cfs_period_us", "100000\n");
        CgroupCpuMeter meter = CgroupCpuMeter.locate(selfCgroup, dir.resolve("cg"), 2);

        assertThat(meter.cpus()).isEqualTo(0.5);
        assertThat(meter.sample(10 * SECOND)).isNaN();
        Files.writeString(usage, "1250000000\n");
        // 0.25 s of CPU in 1 s of wall time, against half a CPU: half of the allotment.
        assertThat(meter.sample(11 * SECOND)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void cgroupV1WithCombinedCpuCpuacctHierarchyAndNoQuotaUsesAllProcessors() throws IOException {
        Path selfCgroup = write("self-cgroup", "2:cpu,cpuacct:/mininet/h2\n");
        Path usage = write("cg/cpu,cpuacct/mininet/h2/cpuacct.usage", "0\n");
        write("cg/cpu,cpuacct/mininet/h2/cpu.cfs_quota_us", "-1\n");
        write("cg/cpu,cpuacct/mininet/h2/cpu.cfs_period_us", "100000\n");
        CgroupCpuMeter meter = CgroupCpuMeter.locate(selfCgroup, dir.resolve("cg"), 4);

        meter.sample(0);
        Files.writeString(usage, String.valueOf(2 * SECOND));
        assertThat(meter.cpus()).isEqualTo(4.0);
        assertThat(meter.sample(SECOND)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void cgroupV2MeterReadsUsageUsecAndCpuMax() throws IOException {
        Path selfCgroup = write("self-cgroup", "0::/system.slice/web.service\n");
        Path stat = write("cg/system.slice/web.service/cpu.stat", "usage_usec 1000000\nuser_usec 800000\nsystem_usec 200000\n");
        write("cg/system.slice/web.service/cpu.max", "200000 100000\n");
        CgroupCpuMeter meter = CgroupCpuMeter.locate(selfCgroup, dir.resolve("cg"), 8);

        assertThat(meter.cpus()).isEqualTo(2.0);
        meter.sample(0);
        Files.writeString(stat, "usage_usec 1500000\nuser_usec 1200000\nsystem_usec 300000\n");
        assertThat(meter.sample(SECOND)).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void cgroupUsageAboveTheAllotmentIsClampedAndAResetCounterGivesNoReading() throws IOException {
        Path selfCgroup = write("self-cgroup", "0::/\n");
        Path stat = write("cg/cpu.stat", "usage_usec 5000000\n");
        write("cg/cpu.max", "max 100000\n");
        CgroupCpuMeter meter = CgroupCpuMeter.locate(selfCgroup, dir.resolve("cg"), 1);

        meter.sample(0);
        Files.writeString(stat, "usage_usec 7000000\n");
        assertThat(meter.sample(SECOND)).isEqualTo(100.0);
        Files.writeString(stat, "usage_usec 10\n");
        assertThat(meter.sample(2 * SECOND)).isNaN();
    }

    @Test
    void locatingFailsWithAClearMessageWhenNoAccountingExists() throws IOException {
        Path selfCgroup = write("self-cgroup", "3:cpuacct:/gone\n0::/gone\n");
        Files.createDirectories(dir.resolve("cg"));

        assertThatThrownBy(() -> CgroupCpuMeter.locate(selfCgroup, dir.resolve("cg"), 2))
                .isInstanceOf(IOException.class).hasMessageContaining("no cgroup CPU accounting");
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
