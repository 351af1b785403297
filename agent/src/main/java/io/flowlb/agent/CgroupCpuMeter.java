package io.flowlb.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU use of the agent's own control group: the CPU time its cgroup consumed between two
 * samples divided by the wall time and by the CPUs the group may use (its CFS quota, else the
 * available processors), so 100% means "this group used all it is allowed".
 *
 * <p>Why: {@code /proc/stat} is host-wide, so every Mininet host would report the same CPU. A
 * Mininet {@code CPULimitedHost} (or a container) runs the server in its own cgroup; an agent
 * started in that host inherits the group and this meter reports that server alone.
 *
 * <p>Both layouts are read: cgroup v1 ({@code cpuacct.usage} in nanoseconds, quota in
 * {@code cpu.cfs_quota_us}/{@code cpu.cfs_period_us}) is preferred when present because on
 * hybrid systems the CPU controllers live there; otherwise cgroup v2 ({@code usage_usec} in
 * {@code cpu.stat}, quota in {@code cpu.max}).
 *
 * <p>Thread-safety: confined to the reporter thread.
 */
final class CgroupCpuMeter implements CpuMeter {

    private final Path usageFile;
    private final boolean v2;
    private final double cpus;
    private long previousUsageNanos = -1;
    private long previousNanos;

    CgroupCpuMeter(Path usageFile, boolean v2, double cpus) {
        this.usageFile = usageFile;
        this.v2 = v2;
        this.cpus = cpus;
    }

    /**
     * Finds the CPU accounting of the group named in {@code procSelfCgroup}.
     *
     * @param procSelfCgroup normally {@code /proc/self/cgroup}
     * @param cgroupRoot normally {@code /sys/fs/cgroup}
     * @param processors the CPUs to assume when the group has no quota
     * @throws IOException when no CPU accounting file is found, with what was looked for
     */
    static CgroupCpuMeter locate(Path procSelfCgroup, Path cgroupRoot, int processors) throws IOException {
        List<String> lines = Files.readAllLines(procSelfCgroup);
        Path v1 = v1Group(lines, cgroupRoot, "cpuacct", "cpuacct.usage");
        if (v1 != null) {
            Path quotaDir = v1Group(lines, cgroupRoot, "cpu", "cpu.cfs_quota_us");
            double cpus = quotaDir == null ? processors : quotaCpus(
                    readLong(quotaDir.resolve("cpu.cfs_quota_us")), readLong(quotaDir.resolve("cpu.cfs_period_us")), processors);
            return new CgroupCpuMeter(v1.resolve("cpuacct.usage"), false, cpus);
        }
        for (String line : lines) {
            Path v2 = line.startsWith("0::") ? groupDir(cgroupRoot, List.of("", "unified"), line.substring(3), "cpu.stat") : null;
            if (v2 != null) {
                return new CgroupCpuMeter(v2.resolve("cpu.stat"), true, v2Cpus(v2, processors));
            }
        }
        throw new IOException("no cgroup CPU accounting found for this process (" + procSelfCgroup
                + " names no cpuacct.usage or cpu.stat under " + cgroupRoot + ")");
    }

    @Override
    public double sample(long nowNanos) throws IOException {
        long usage = readUsageNanos();
        double percent = Double.NaN;
        long elapsed = nowNanos - previousNanos;
        if (previousUsageNanos >= 0 && elapsed > 0 && usage >= previousUsageNanos) {
            percent = Math.min(100.0, 100.0 * (usage - previousUsageNanos) / (elapsed * cpus));
        }
        previousUsageNanos = usage;
        previousNanos = nowNanos;
        return percent;
    }

    @Override
    public String describe() {
        return "CPU of this cgroup from " + usageFile + " (" + cpus + " CPU(s) = 100%)";
    }

    /** The CPUs the group may use; 100% means all of them are busy. */
    double cpus() {
        return cpus;
    }

    private long readUsageNanos() throws IOException {
        String text = Files.readString(usageFile).trim();
        if (!v2) {
            return parseLong(text, usageFile);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("usage_usec ")) {
                return parseLong(line.substring("usage_usec ".length()).trim(), usageFile) * 1_000L;
            }
        }
        throw new IllegalArgumentException(usageFile + " has no usage_usec line");
    }

    /** The v1 group directory of {@code controller} holding {@code file}, or null. */
    private static Path v1Group(List<String> lines, Path root, String controller, String file) {
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) {
                Path dir = groupDir(root, List.of(f[1], controller, "cpu,cpuacct"), f[2], file);
                if (dir != null) {
                    return dir;
                }
            }
        }
        return null;
    }

    /** The first of root/hierarchy/group holding {@code file}, or null ("" is the root itself). */
    private static Path groupDir(Path root, List<String> hierarchies, String group, String file) {
        String relative = group.startsWith("/") ? group.substring(1) : group;
        for (String h : hierarchies) {
            Path dir = (h.isEmpty() ? root : root.resolve(h)).resolve(relative);
            if (Files.isRegularFile(dir.resolve(file))) {
                return dir;
            }
        }
        return null;
    }

    private static double v2Cpus(Path dir, int processors) throws IOException {
        Path max = dir.resolve("cpu.max");
        if (!Files.isRegularFile(max)) {
            return processors;
        }
        String[] f = Files.readString(max).trim().split("\\s+");
        if (f.length != 2 || f[0].equals("max")) {
            return processors;
        }
        return quotaCpus(parseLong(f[0], max), parseLong(f[1], max), processors);
    }

    private static double quotaCpus(long quota, long period, int processors) {
        return quota > 0 && period > 0 ? Math.min(processors, (double) quota / period) : processors;
    }

    private static long readLong(Path file) throws IOException {
        return parseLong(Files.readString(file).trim(), file);
    }

    private static long parseLong(String text, Path source) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": not a number '" + text + "'", e);
        }
    }
}
