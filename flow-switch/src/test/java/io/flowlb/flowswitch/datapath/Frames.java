package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.lang.foreign.MemorySegment;

/** Frame fixtures and readers for datapath tests. */
final class Frames {
    static final long MAC_A = 0x02_00_00_00_00_0aL;
    static final long MAC_B = 0x02_00_00_00_00_0bL;
    static final long MAC_C = 0x02_00_00_00_00_0cL;
    static final long BROADCAST = 0xffff_ffff_ffffL;
    static final int IP_A = ip(10, 0, 0, 1);
    static final int IP_B = ip(10, 0, 0, 2);
    static final int VIP = ip(10, 0, 0, 100);

    private Frames() {
    }

    static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    static byte[] tcp(long dstMac, long srcMac, int src, int dst, int sport, int dport) {
        return FrameBuilder.ethernet(dstMac, srcMac).ipv4(src, dst).tcp(sport, dport, 1000, 0, TcpFlags.SYN)
                .payload(20).build();
    }

    static byte[] tcp(int src, int dst, int sport, int dport) {
        return tcp(MAC_B, MAC_A, src, dst, sport, dport);
    }

    static byte[] udp(int src, int dst, int sport, int dport) {
        return FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(src, dst).udp(sport, dport).payload(20).build();
    }

    static byte[] arpRequest(long sha, int spa, int tpa) {
        return FrameBuilder.ethernet(BROADCAST, sha).arp(1, sha, spa, 0, tpa).build();
    }

    /** A parsed view over a copy of {@code frame}. */
    static PacketView view(byte[] frame) {
        PacketView v = new PacketView().wrap(MemorySegment.ofArray(frame.clone()), 0, frame.length);
        v.parse();
        return v;
    }
}
