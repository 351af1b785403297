package io.flowlb.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Takes one {@link LoadReading}: CPU from the meter, memory from {@code meminfo}, active clients
 * from {@code net/tcp} and {@code net/tcp6}, and the service's own figures when configured.
 *
 * <p>A source that fails leaves its field empty; each source logs its failures once per kind.
 * A missing {@code net/tcp6} (IPv6 disabled) is normal and counts as no IPv6 clients.
 *
 * <p>Thread-safety: confined to the reporter thread.
 */
final class LoadSampler {

    private final CpuMeter cpu;
    private final Path procRoot;
    private final int servicePort;
    private final ServiceStatsSource stats;
    private final ProblemLog cpuProblems;
    private final ProblemLog memoryProblems;
    private final ProblemLog clientProblems;

    /**
     * @param procRoot normally {@code /proc}
     * @param stats the service's statistics, or null when none are configured
     */
    LoadSampler(CpuMeter cpu, Path procRoot, int servicePort, ServiceStatsSource stats, Log log) {
        this.cpu = cpu;
        this.procRoot = procRoot;
        this.servicePort = servicePort;
        this.stats = stats;
        this.cpuProblems = new ProblemLog(log, "CPU reading");
        this.memoryProblems = new ProblemLog(log, "memory reading");
        this.clientProblems = new ProblemLog(log, "active clients reading");
    }

    /** Samples every source once. */
    LoadReading sample(long nowNanos) {
        ServiceStats service = stats == null ? ServiceStats.NONE : stats.read(nowNanos);
        return new LoadReading(cpuPercent(nowNanos), memoryPercent(), activeClients(),
                service.avgServiceTimeMs(), service.requestsPerSecond());
    }

    private double cpuPercent(long nowNanos) {
        try {
            double percent = cpu.sample(nowNanos);
            cpuProblems.clear();
            return percent;
        } catch (IOException | IllegalArgumentException e) {
            cpuProblems.problem(ProblemLog.kindOf(e), cpu.describe() + ": " + ProblemLog.describe(e));
            return Double.NaN;
        }
    }

    private double memoryPercent() {
        Path meminfo = procRoot.resolve("meminfo");
        try {
            double percent = MemInfo.usedPercent(Files.readString(meminfo));
            if (Double.isNaN(percent)) {
                memoryProblems.problem("no MemTotal", meminfo + " has no usable MemTotal line");
            } else {
                memoryProblems.clear();
            }
            return percent;
        } catch (IOException e) {
            memoryProblems.problem(ProblemLog.kindOf(e), "cannot read " + meminfo + ": " + ProblemLog.describe(e));
            return Double.NaN;
        }
    }

    private int activeClients() {
        Path tcp = procRoot.resolve("net/tcp");
        try {
            int count = TcpTable.countEstablished(Files.readString(tcp), servicePort);
            try {
                count += TcpTable.countEstablished(Files.readString(procRoot.resolve("net/tcp6")), servicePort);
            } catch (NoSuchFileException noIpv6) {
                // IPv6 is disabled on this host: no IPv6 clients.
            }
            clientProblems.clear();
            return count;
        } catch (IOException e) {
            clientProblems.problem(ProblemLog.kindOf(e), "cannot read " + tcp + ": " + ProblemLog.describe(e));
            return -1;
        }
    }
}
