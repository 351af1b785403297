package io.flowlb.bench;

import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;

/**
 * Datapath set-ups that several benchmarks share.
 *
 * <p>Thread safety: stateless.
 */
final class BenchDatapaths {
    private BenchDatapaths() {
    }

    /** Ports 1..{@code n} that discard what they are given. */
    static void dropPorts(Datapath dp, int n) {
        for (int p = 1; p <= n; p++) {
            dp.addPort(new DropPort(p));
        }
    }

    /**
     * The NAT VIP rule: SELECT group 1 of three buckets (set eth_dst, ipv4_dst 10.0.10.0-2 and
     * tcp_dst 8080, output to port 2-4) and a flow sending TCP to {@code vip}:80 into it.
     */
    static void natVip(Datapath dp, int vip) {
        Bucket[] buckets = new Bucket[3];
        for (int b = 0; b < 3; b++) {
            buckets[b] = Bucket.of(1, new Action.SetField(MatchField.ETH_DST, 0x02_00_00_00_10_00L + b),
                    new Action.SetField(MatchField.IPV4_DST, 0x0a00_0a00 + b), new Action.SetField(MatchField.TCP_DST, 8080),
                    new Action.Output(2 + b));
        }
        ok(dp.groupMod(GroupModCommand.ADD, GroupSpec.of(1, GroupType.SELECT, buckets)));
        ok(dp.flowMod(FlowMod.add(FlowSpec.apply(0, 100, Match.of(MatchEntry.exact(MatchField.ETH_TYPE, 0x0800),
                MatchEntry.exact(MatchField.IP_PROTO, 6), MatchEntry.exact(MatchField.IPV4_DST, vip),
                MatchEntry.exact(MatchField.TCP_DST, 80)), new Action.Group(1)))));
    }

    /** Fails the benchmark when the datapath refused a set-up step. */
    static void ok(DatapathError e) {
        if (e.isError()) {
            throw new IllegalStateException("benchmark setup refused: " + e);
        }
    }
}
