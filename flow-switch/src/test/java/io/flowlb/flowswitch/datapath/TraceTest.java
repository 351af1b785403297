package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static io.flowlb.flowswitch.datapath.Frames.tcp;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.Action.SetField;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void traceNamesTablesFlowsGroupAndBucketWithoutSendingOrCounting() {
        TestSwitch sw = new TestSwitch(4);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800)))
                .withInstructions(FlowSpec.applyThenGoto(1)).withCookie(0xabc));
        sw.addGroup(GroupSpec.of(9, GroupType.SELECT, Bucket.of(1, new SetField(MatchField.IPV4_DST, IP_B),
                new Output(3)), Bucket.of(1, new SetField(MatchField.IPV4_DST, IP_B + 1), new Output(4))));
        sw.add(FlowSpec.apply(1, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IPV4_DST, VIP)),
                new Action.Group(9)));
        Trace t = sw.datapath.trace(1, tcp(IP_A, VIP, 1234, 80));
        String text = t.toString();
        assertThat(text).contains("flow: table 0 priority 10 cookie 0xabc", "flow: table 1 priority 10",
                "group: group 9 type select", "bucket: bucket", "set_field:ipv4_dst=10.0.0.");
        assertThat(t.outputs()).hasSize(1).first().isIn(3, 4);
        assertThat(sw.where()).isEmpty();
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).allMatch(f -> f.packets() == 0);
        assertThat(sw.datapath.groupStats(9).get(0).packets()).isZero();
    }

    @Test
    void traceOfAMissSaysWhereItWasDropped() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0806)), new Output(2)));
        Trace t = sw.datapath.trace(1, udp(IP_A, IP_B, 1, 2));
        assertThat(t.verdict()).isEqualTo("drop: no match in table 0");
        assertThat(t.outputs()).isEmpty();
        Trace bad = sw.datapath.trace(1, new byte[3]);
        assertThat(bad.verdict()).startsWith("drop: malformed");
    }
}
