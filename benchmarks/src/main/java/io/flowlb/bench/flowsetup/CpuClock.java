package io.flowlb.bench.flowsetup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time consumed so far by this JVM and, when its PID is known, by the controller under test,
 * so that the CPU cost per response can be computed over exactly the measured loops.
 *
 * <p>Thread safety: stateless apart from the immutable PID; safe from any thread.
 */
final class CpuClock {
    /** The tick rate of /proc/PID/stat times (USER_HZ, 100 on Linux whatever the kernel's HZ). */
    static final long USER_HZ = 100;

    private final long controllerPid;

    /** @param controllerPid the controller's PID, or 0 when unknown */
    CpuClock(long controllerPid) {
        this.controllerPid = controllerPid;
    }

    /** CPU nanoseconds used by this JVM (all threads), or -1 when the platform does not say. */
    long toolNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU nanoseconds (user + system) used by the controller process, or -1 when unknown. */
    long controllerNanos() {
        if (controllerPid <= 0) {
            return -1;
        }
        try {
            return parseStatTicks(Files.readString(Path.of("/proc", Long.toString(controllerPid), "stat")))
                    * (1_000_000_000L / USER_HZ);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15) of a /proc/PID/stat line, whose command may contain spaces. */
    static long parseStatTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
