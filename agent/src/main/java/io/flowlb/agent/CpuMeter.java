package io.flowlb.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source of the CPU busy percent, sampled once per report interval.
 *
 * <p>Thread-safety: a meter keeps its previous sample and belongs to the reporter thread.
 */
interface CpuMeter {

    /**
     * The busy percent since the previous call: NaN on the first call and when the counters give
     * no reading (no time passed, counter reset).
     *
     * @param nowNanos a monotonic time stamp ({@link System#nanoTime()})
     * @throws IOException when the source cannot be read
     * @throws IllegalArgumentException when its content is malformed
     */
    double sample(long nowNanos) throws IOException;

    /** What this meter measures, for the start-up log line. */
    String describe();

    /** The host-wide meter over {@code /proc/stat} (the same figure in every network namespace). */
    static CpuMeter procStat(Path procStat) {
        return new CpuMeter() {
            private CpuTimes previous;

            @Override
            public double sample(long nowNanos) throws IOException {
                CpuTimes now = CpuTimes.parseProcStat(Files.readString(procStat));
                double percent = previous == null ? Double.NaN : now.busyPercentSince(previous);
                previous = now;
                return percent;
            }

            @Override
            public String describe() {
                return "CPU of the whole host from " + procStat;
            }
        };
    }
}
