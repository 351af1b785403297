package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.util.SplittableRandom;

/** Random client flows towards one VIP, for selection tests. */
final class Flows {
    static final int VIP = 0x0a00_0001; // 10.0.0.1

    private Flows() {
    }

    /** {@code n} random TCP flows from distinct-ish clients to VIP:80. */
    static FlowKey[] tcp(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FlowKey[] keys = new FlowKey[n];
        for (int i = 0; i < n; i++) {
            keys[i] = new FlowKey();
            keys[i].setV4(rnd.nextInt(), VIP, 6, 1024 + rnd.nextInt(64512), 80);
        }
        return keys;
    }

    /** A service of equal members with keys {@code firstKey...}, all alive and accepting. */
    static ServiceTable.Builder equal(int id, int members, long firstKey) {
        ServiceTable.Builder b = ServiceTable.builder(id).vipV4(VIP, 6, 80);
        for (int i = 0; i < members; i++) {
            b.backend(firstKey + i, 1, true, true);
        }
        return b;
    }
}
