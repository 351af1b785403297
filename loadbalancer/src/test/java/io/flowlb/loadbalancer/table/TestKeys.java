package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.util.SplittableRandom;

/** Flow keys for table tests, and a value copy of one usable as a map key in models. */
final class TestKeys {
    static final int VIP = 0x0a00_0001; // 10.0.0.1

    private TestKeys() {
    }

    /** A TCP client-to-VIP key, distinct for each {@code n}. */
    static FlowKey tcp(int n) {
        FlowKey k = new FlowKey();
        k.setV4(0x0b00_0000 + n, VIP, ConnState.PROTO_TCP, 1024 + n % 50000, 80);
        return k;
    }

    static FlowKey random(SplittableRandom rnd) {
        FlowKey k = new FlowKey();
        int proto = switch (rnd.nextInt(4)) {
            case 0 -> ConnState.PROTO_TCP;
            case 1 -> ConnState.PROTO_UDP;
            case 2 -> 50;
            default -> 1;
        };
        boolean ports = proto == ConnState.PROTO_TCP || proto == ConnState.PROTO_UDP;
        int sp = ports ? rnd.nextInt(65536) : 0;
        int dp = ports ? rnd.nextInt(65536) : 0;
        if (rnd.nextBoolean()) {
            k.setV4(rnd.nextInt(), rnd.nextInt(), proto, sp, dp);
        } else {
            k.setV6(0x2001_0db8_0000_0000L | rnd.nextInt(16), rnd.nextLong(), 0x2001_0db8_0000_0000L, rnd.nextLong(), proto, sp, dp);
        }
        return k;
    }

    record Key(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol, int zone) {
        static Key of(FlowKey k, int zone) {
            return new Key(k.srcHi, k.srcLo, k.dstHi, k.dstLo, k.srcPort, k.dstPort, k.protocol, zone);
        }

        FlowKey flowKey() {
            FlowKey k = new FlowKey();
            k.setV6(srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
            return k;
        }
    }
}
