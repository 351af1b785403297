package io.flowlb.agent;

/**
 * Cumulative CPU time of the whole host, in clock ticks, from the aggregate {@code cpu} line of
 * {@code /proc/stat}: {@code user nice system idle iowait irq softirq steal guest guest_nice}.
 *
 * <p>Busy time is everything except {@code idle} and {@code iowait}; {@code guest} and
 * {@code guest_nice} are left out of the total because the kernel already counts them in
 * {@code user} and {@code nice}. The busy share between two samples is the CPU percent.
 *
 * <p>Note: {@code /proc/stat} is not per network namespace, so in a Mininet lab every host
 * reads the same, host-wide figure (use the cgroup meter for a per-host figure).
 *
 * @param busy ticks spent doing work since boot
 * @param total ticks since boot over all CPUs
 */
record CpuTimes(long busy, long total) {

    /** The fields summed into the total: user .. steal. */
    private static final int COUNTED_FIELDS = 8;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    /**
     * Reads the aggregate {@code cpu} line of a {@code /proc/stat} text.
     *
     * @throws IllegalArgumentException when there is no such line or its numbers are malformed
     */
    static CpuTimes parseProcStat(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                return parseCpuLine(line);
            }
        }
        throw new IllegalArgumentException("no aggregate 'cpu' line");
    }

    private static CpuTimes parseCpuLine(String line) {
        String[] fields = line.trim().split("\\s+");
        int n = Math.min(fields.length - 1, COUNTED_FIELDS);
        if (n < IDLE + 1) {
            throw new IllegalArgumentException("'cpu' line has " + n + " fields, expected at least 4: " + line);
        }
        long total = 0;
        long idle = 0;
        for (int i = 0; i < n; i++) {
            long ticks;
            try {
                ticks = Long.parseLong(fields[i + 1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'cpu' line has a bad number '" + fields[i + 1] + "'", e);
            }
            if (ticks < 0) {
                throw new IllegalArgumentException("'cpu' line has a negative number: " + line);
            }
            total += ticks;
            if (i == IDLE || i == IOWAIT) {
                idle += ticks;
            }
        }
        return new CpuTimes(total - idle, total);
    }

    /**
     * The busy percent of the time between {@code earlier} and this sample, or NaN when no time
     * passed or a counter went backwards (a wrapped or reset counter gives no reading).
     */
    double busyPercentSince(CpuTimes earlier) {
        long dTotal = total - earlier.total;
        long dBusy = busy - earlier.busy;
        if (dTotal <= 0 || dBusy < 0 || dBusy > dTotal) {
            return Double.NaN;
        }
        return 100.0 * dBusy / dTotal;
    }
}
