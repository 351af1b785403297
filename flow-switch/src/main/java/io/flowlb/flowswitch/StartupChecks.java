package io.flowlb.flowswitch;

import io.flowlb.flowswitch.SwitchArgs.BadArgumentException;
import io.flowlb.flowswitch.SwitchConfig.PortBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks that make {@code ./flowlb switch} fail at start with a clear sentence instead of a
 * native error later: every interface exists, and the process may open raw sockets.
 *
 * <p>Thread safety: immutable.
 */
public final class StartupChecks {
    /** Bit of CAP_NET_RAW in the capability sets of /proc/PID/status. */
    static final int CAP_NET_RAW = 13;

    private final Path sysClassNet;
    private final Path procStatus;

    StartupChecks(Path sysClassNet, Path procStatus) {
        this.sysClassNet = sysClassNet;
        this.procStatus = procStatus;
    }

    /** The checks against this machine. */
    public static StartupChecks system() {
        return new StartupChecks(Path.of("/sys/class/net"), Path.of("/proc/self/status"));
    }

    /** Throws {@link BadArgumentException} with the first problem found. */
    public void check(SwitchConfig config) {
        for (PortBinding p : config.ports()) {
            if (!Files.exists(sysClassNet.resolve(p.ifName()))) {
                throw new BadArgumentException("no such interface " + p.ifName());
            }
        }
        if (!hasNetRaw()) {
            throw new BadArgumentException("needs root (CAP_NET_RAW) to open raw sockets on "
                    + names(config.ports()) + ": run it as root or through sudo");
        }
    }

    /** Whether the effective capability set holds CAP_NET_RAW. */
    boolean hasNetRaw() {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_NET_RAW)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Without /proc the socket call itself will say what is wrong.
            return true;
        }
        return true;
    }

    private static String names(List<PortBinding> ports) {
        StringBuilder sb = new StringBuilder();
        for (PortBinding p : ports) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.ifName());
        }
        return sb.toString();
    }
}
