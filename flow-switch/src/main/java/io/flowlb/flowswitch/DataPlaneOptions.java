package io.flowlb.flowswitch;

import io.flowlb.flowswitch.engine.IdleMode;
import io.flowlb.flowswitch.io.afpacket.AfPacketConfig.RxRingVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * How the switch's data plane runs: table sizes, threads, rings and the statistics file. Every
 * default is what {@code ./flowlb switch --help} prints.
 *
 * @param connectionsPerPoller connections each poller's table holds (the SELECT groups' state: one
 *     entry of 64 bytes per connection, at most 3/4 of the slots used); default 1,048,576 (about
 *     90 MB per poller)
 * @param cpus the CPUs the pollers are pinned to, poller {@code i} to {@code cpus[i % n]}; default
 *     none (the scheduler places them)
 * @param idle what a poller does when no frame arrives; default {@link IdleMode#POLL}
 * @param qdiscBypass transmit straight to the driver ({@code PACKET_QDISC_BYPASS}), skipping the
 *     queueing discipline: faster, but captures on the port no longer see what the switch sends
 *     and traffic control (tc) shaping is bypassed; default off
 * @param rxRing the receive ring layout; default {@link RxRingVersion#TPACKET_V2} (no added latency)
 * @param statsFile a file the switch rewrites every second with its connection counts and
 *     datapath counters (JSON), or null for none (the default)
 * @param maxFlows flows across all tables; default 65,536, at most {@link #MAX_FLOWS} (the
 *     counters of each slot, 24 bytes per poller, are allocated at start)
 *
 * <p>Thread safety: immutable.
 */
public record DataPlaneOptions(int connectionsPerPoller, List<Integer> cpus, IdleMode idle, boolean qdiscBypass,
        RxRingVersion rxRing, Path statsFile, int maxFlows) {

    public static final int DEFAULT_CONNECTIONS = 1 << 20;
    public static final int DEFAULT_MAX_FLOWS = 1 << 16;
    public static final int MAX_FLOWS = 1 << 24;
    public static final DataPlaneOptions DEFAULTS =
            new DataPlaneOptions(DEFAULT_CONNECTIONS, List.of(), IdleMode.POLL, false, RxRingVersion.TPACKET_V2, null);

    public DataPlaneOptions {
        cpus = List.copyOf(cpus);
    }

    /** The options with the default {@code maxFlows}. */
    public DataPlaneOptions(int connectionsPerPoller, List<Integer> cpus, IdleMode idle, boolean qdiscBypass,
            RxRingVersion rxRing, Path statsFile) {
        this(connectionsPerPoller, cpus, idle, qdiscBypass, rxRing, statsFile, DEFAULT_MAX_FLOWS);
    }
}
