package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Fields;

/**
 * The traffic a router carried over the last measurement interval: the
 * {@code <in packets, out packets, in bytes, out bytes>} vector of WO 99/33227, as deltas of the
 * switch's counters (flow or port statistics) between two polls.
 *
 * <p>Its scalar {@link #load()} counts every packet as {@value #PACKET_COST_BYTES} bytes on top of
 * its size, so a flood of small packets weighs on a router as it does in reality.
 *
 * <p>Thread safety: immutable.
 */
public record TrafficVector(long inPackets, long outPackets, long inBytes, long outBytes) {
    public static final long PACKET_COST_BYTES = 64;
    public static final TrafficVector ZERO = new TrafficVector(0, 0, 0, 0);

    public TrafficVector {
        Fields.range("in_packets", inPackets, 0L, Long.MAX_VALUE);
        Fields.range("out_packets", outPackets, 0L, Long.MAX_VALUE);
        Fields.range("in_bytes", inBytes, 0L, Long.MAX_VALUE);
        Fields.range("out_bytes", outBytes, 0L, Long.MAX_VALUE);
    }

    public double load() {
        return (double) inBytes + outBytes + (double) PACKET_COST_BYTES * ((double) inPackets + outPackets);
    }
}
