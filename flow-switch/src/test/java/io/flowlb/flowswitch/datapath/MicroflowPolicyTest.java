package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicroflowPolicyTest {

    /** Every miss cached, the cache consulted from three subtables on. */
    private static TestSwitch switchConsultingFrom(int subtables) {
        return new TestSwitch(DatapathConfig.defaults(1, StandardApps.all()).withConnectionsPerPoller(1024)
                .withMicroflowPolicy(1, subtables), 3);
    }

    @Test
    void tablesWithFewMasksAreWalkedWithoutTheCache() {
        TestSwitch sw = switchConsultingFrom(3);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800)), new Output(2)));

        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));

        assertThat(sw.where()).containsExactly(Map.entry(2, 2));
        assertThat(sw.counter("microflow_hits")).isZero();
        assertThat(sw.counter("microflow_misses")).isZero();
    }

    @Test
    void tablesWithManyMasksUseTheCacheAndForwardTheSame() {
        TestSwitch sw = switchConsultingFrom(3);
        sw.add(FlowSpec.apply(0, 10, Match.of(exact(MatchField.ETH_TYPE, 0x0800)), new Output(2)));
        sw.add(FlowSpec.apply(0, 20, Match.of(exact(MatchField.ETH_TYPE, 0x0806)), new Output(3)));
        sw.add(FlowSpec.apply(0, 30, Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IP_PROTO, 6)),
                new Output(3)));
        sw.add(FlowSpec.apply(1, 30, Match.of(exact(MatchField.IN_PORT, 1)), new Output(3)));

        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));

        assertThat(sw.where()).containsExactly(Map.entry(2, 2));
        assertThat(sw.counter("microflow_misses")).isEqualTo(1);
        assertThat(sw.counter("microflow_hits")).isEqualTo(1);
    }
}
