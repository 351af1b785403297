package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSamplerTest {

    @TempDir
    Path proc;
    private final RecordingLog log = new RecordingLog();

    @Test
    void combinesCpuMemoryClientsAndServiceFigures() throws IOException {
        write("stat", "cpu  100 0 100 800 0 0 0 0 0 0\n");
        write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 600 kB\n");
        write("net/tcp", "  sl  local_address rem_address   st\n"
                + "   0: 0100000A:0050 0200000A:C350 01 00000000:00000000 00:00000000 00000000 0 0 1 1\n");
        write("net/tcp6", "  sl  local_address remote_address st\n"
                + "   0: 0000000000000000FFFF00000100000A:0050 0000000000000000FFFF00000200000A:D431 01 0 0 0\n");
        Path stats = write("stats", "requests_per_second=40\navg_service_time_ms=1.5\n");
        LoadSampler sampler = new LoadSampler(CpuMeter.procStat(proc.resolve("stat")), proc, 80,
                new ServiceStatsSource(stats, null, null, null, log), log);

        LoadReading first = sampler.sample(0);
        write("stat", "cpu  130 0 130 840 0 0 0 0 0 0\n");
        LoadReading second = sampler.sample(1_000_000_000L);

        assertThat(first.cpuPercent()).isNaN();
        assertThat(second.cpuPercent()).isCloseTo(60.0, within(1e-9));
        assertThat(second.memoryPercent()).isCloseTo(40.0, within(1e-9));
        assertThat(second.activeClients()).isEqualTo(2);
        assertThat(second.requestsPerSecond()).isEqualTo(40.0);
        assertThat(second.avgServiceTimeMs()).isEqualTo(1.5);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void aMissingSourceLeavesItsFieldEmptyLogsOnceAndTcp6IsOptional() throws IOException {
        write("net/tcp", "  sl  local_address rem_address   st\n"
                + "   0: 0100000A:0050 0200000A:C350 01 00000000:00000000 00:00000000 00000000 0 0 1 1\n");
        LoadSampler sampler = new LoadSampler(CpuMeter.procStat(proc.resolve("stat")), proc, 80, null, log);

        sampler.sample(0);
        LoadReading reading = sampler.sample(1);

        assertThat(reading.cpuPercent()).isNaN();
        assertThat(reading.memoryPercent()).isNaN();
        assertThat(reading.activeClients()).isEqualTo(1);
        assertThat(reading.requestsPerSecond()).isNaN();
        assertThat(log.matching("CPU reading")).hasSize(1);
        assertThat(log.matching("memory reading")).hasSize(1);
        assertThat(log.lines()).hasSize(2);
    }

    @Test
    void noActiveClientsReadingWhenTheTcpTableIsUnreadable() {
        LoadSampler sampler = new LoadSampler(CpuMeter.procStat(proc.resolve("stat")), proc, 80, null, log);

        assertThat(sampler.sample(0).hasActiveClients()).isFalse();
        assertThat(log.matching("active clients reading")).hasSize(1);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = proc.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
