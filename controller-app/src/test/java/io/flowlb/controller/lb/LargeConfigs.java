package io.flowlb.controller.lb;

import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.List;

/**
 * The large configuration of the memory benchmark, for tests of behaviour at scale: {@code vips}
 * NAT VIPs on TCP port 80, each over its own round-robin pool of {@code members} members on port
 * 8080 (VIP {@code v<i>} over pool {@code p<i>}, members {@code m<i>-<j>}).
 */
public final class LargeConfigs {
    private LargeConfigs() {
    }

    public static LbConfig natVips(int vips, int members) {
        List<Vip> v = new ArrayList<>(vips);
        List<Pool> p = new ArrayList<>(vips);
        List<Member> m = new ArrayList<>(vips * members);
        for (int i = 0; i < vips; i++) {
            PoolId pool = PoolId.of("p" + i);
            p.add(Pool.of(pool));
            v.add(Vip.of(VipId.of("v" + i), IpAddress.parse("10.100." + i / 200 + "." + (i % 200 + 1)), Protocol.TCP, 80)
                    .withMode(ForwardingMode.NAT).withPool(pool));
            for (int j = 0; j < members; j++) {
                m.add(Member.of(MemberId.of("m" + i + "-" + j), pool,
                        IpAddress.parse("172." + (16 + i / 256) + "." + i % 256 + "." + (j + 1)), 8080));
            }
        }
        return LbConfig.of(v, p, m, List.of(), List.of());
    }
}
