package io.flowlb.flowswitch;

import io.flowlb.flowswitch.SwitchArgs.BadArgumentException;
import io.flowlb.flowswitch.engine.IdleMode;
import io.flowlb.flowswitch.io.afpacket.AfPacketConfig.RxRingVersion;
import io.flowlb.loadbalancer.table.ConnectionTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-plane options of {@code ./flowlb switch} ({@link DataPlaneOptions}), parsed one by one
 * for {@link SwitchArgs}; each mistake is reported naming the option and what it expects.
 *
 * <p>Thread safety: used by one thread while a command line is parsed.
 */
final class DataPlaneArgs {
    private static final int MAX_CPU = 1023;

    private DataPlaneOptions options = DataPlaneOptions.DEFAULTS;

    /** Takes {@code opt value} if it is a data-plane option; false when it is not one. */
    boolean accept(String opt, String value) {
        DataPlaneOptions o = options;
        switch (opt) {
            case "--connections" -> options = new DataPlaneOptions(
                    SwitchArgs.parseInt(opt, value, value, 16, ConnectionTable.MAX_ENTRIES), o.cpus(), o.idle(),
                    o.qdiscBypass(), o.rxRing(), o.statsFile(), o.maxFlows());
            case "--cpu" -> options = new DataPlaneOptions(o.connectionsPerPoller(), parseCpus(value), o.idle(),
                    o.qdiscBypass(), o.rxRing(), o.statsFile(), o.maxFlows());
            case "--idle" -> options = new DataPlaneOptions(o.connectionsPerPoller(), o.cpus(), parseIdle(value),
                    o.qdiscBypass(), o.rxRing(), o.statsFile(), o.maxFlows());
            case "--qdisc-bypass" -> options = new DataPlaneOptions(o.connectionsPerPoller(), o.cpus(), o.idle(),
                    parseOnOff(opt, value), o.rxRing(), o.statsFile(), o.maxFlows());
            case "--rx-ring" -> options = new DataPlaneOptions(o.connectionsPerPoller(), o.cpus(), o.idle(),
                    o.qdiscBypass(), parseRxRing(value), o.statsFile(), o.maxFlows());
            case "--stats-file" -> options = new DataPlaneOptions(o.connectionsPerPoller(), o.cpus(), o.idle(),
                    o.qdiscBypass(), o.rxRing(), parsePath(opt, value), o.maxFlows());
            case "--max-flows" -> options = new DataPlaneOptions(o.connectionsPerPoller(), o.cpus(), o.idle(),
                    o.qdiscBypass(), o.rxRing(), o.statsFile(),
                    SwitchArgs.parseInt(opt, value, value, 1, DataPlaneOptions.MAX_FLOWS));
            default -> {
                return false;
            }
        }
        return true;
    }

    DataPlaneOptions build() {
        return options;
    }

    private static List<Integer> parseCpus(String value) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            int cpu = SwitchArgs.parseInt("--cpu", value, part, 0, MAX_CPU);
            if (cpus.contains(cpu)) {
                throw new BadArgumentException("--cpu " + value + ": CPU " + cpu + " is given twice");
            }
            cpus.add(cpu);
        }
        return cpus;
    }

    private static IdleMode parseIdle(String value) {
        return switch (value) {
            case "spin" -> IdleMode.SPIN;
            case "backoff" -> IdleMode.BACKOFF;
            case "poll" -> IdleMode.POLL;
            default -> throw new BadArgumentException("--idle " + value + ": expected spin, backoff or poll");
        };
    }

    private static boolean parseOnOff(String opt, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new BadArgumentException(opt + " " + value + ": expected on or off");
        };
    }

    private static RxRingVersion parseRxRing(String value) {
        return switch (value) {
            case "v2" -> RxRingVersion.TPACKET_V2;
            case "v3" -> RxRingVersion.TPACKET_V3;
            default -> throw new BadArgumentException("--rx-ring " + value + ": expected v2 or v3");
        };
    }

    private static Path parsePath(String opt, String value) {
        if (value.isBlank()) {
            throw new BadArgumentException(opt + ": expected a file name");
        }
        Path p = Path.of(value);
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            throw new BadArgumentException(opt + " " + value + ": directory " + dir + " does not exist");
        }
        return p;
    }
}
