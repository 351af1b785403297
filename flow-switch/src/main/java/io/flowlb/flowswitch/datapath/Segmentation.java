package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpSegmenter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Frames longer than the output port's MTU: TCP super-frames (GSO/TSO from veth peers) are cut
 * by the core's {@link TcpSegmenter} into segments that fit the MTU, each written into a scratch
 * buffer and sent; anything else is dropped and counted as {@code tx_too_big}.
 *
 * <p>Thread safety: owned by one pipeline thread.
 */
final class Segmentation {
    /** The largest segment: a jumbo MTU plus Ethernet and VLAN headers. */
    private static final int SEGMENT_CAPACITY = 9216 + 64;

    private final OutputStage out;
    private final ThreadCounters counters;
    private final MemorySegment scratch = Arena.ofAuto().allocate(SEGMENT_CAPACITY, 64);

    Segmentation(OutputStage out, ThreadCounters counters) {
        this.out = out;
        this.counters = counters;
    }

    void oversize(PortInfo p, PacketView v) {
        int headers = v.l4Offset() - v.l3Offset() + v.tcpHeaderLength();
        int mss = p.mtu - headers;
        if (!TcpSegmenter.canSegment(v) || mss < 1 || v.l3Offset() + p.mtu > SEGMENT_CAPACITY) {
            counters.drops[Drops.TX_TOO_BIG]++;
            counters.dropPort(p.portNo, ThreadCounters.TX_DROPPED);
            return;
        }
        int n = TcpSegmenter.segmentCount(v, mss);
        for (int i = 0; i < n; i++) {
            int len = TcpSegmenter.writeSegment(v, mss, i, scratch, 0);
            if (len < 0) {
                counters.drops[Drops.TX_TOO_BIG]++;
                return;
            }
            out.send(p, scratch, 0, len);
            counters.drops[Drops.SEGMENTED_FRAMES]++;
        }
    }
}
