package io.flowlb.controller.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.MetricsTextParser;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewMetricsTest {

    static LbConfig threeMembers() {
        Pool pool = Pool.of(PoolId.of("web")).withAlgorithm(Algorithm.WEIGHTED);
        Vip vip = Vip.of(VipId.of("v1"), IpAddress.parse("10.0.0.100"), Protocol.TCP, 80).withPool(pool.id());
        return LbConfig.of(List.of(vip, Vip.of(VipId.of("bare"), IpAddress.parse("10.0.0.101"), Protocol.UDP, 53)),
                List.of(pool), List.of(
                        Member.of(MemberId.of("m1"), pool.id(), IpAddress.parse("10.0.0.1"), 80).withWeight(1),
                        Member.of(MemberId.of("m2"), pool.id(), IpAddress.parse("10.0.0.2"), 80).withWeight(3),
                        Member.of(MemberId.of("m3"), pool.id(), IpAddress.parse("10.0.0.3"), 80)
                                .withAdminState(AdminState.MAINT)), List.of(), List.of());
    }

    @Test
    void configuredDistributionSharesNewConnectionsByWeight() {
        ConfiguredDistributionView view = new ConfiguredDistributionView(ViewMetricsTest::threeMembers, () -> 4);
        VipDistribution d = view.distribution(VipId.of("v1"));
        assertThat(d.generation()).isEqualTo(4);
        assertThat(d.members()).extracting(MemberDistribution::share).containsExactly(0.25, 0.75, 0.0);
        assertThat(d.members()).extracting(MemberDistribution::alive).containsExactly(true, true, false);
        assertThat(view.distribution(VipId.of("bare")).members()).isEmpty();
        assertThat(view.distribution(VipId.of("none"))).isNull();
    }

    @Test
    void scrapeHasPerMemberPerVipPerPoolAndPerSwitchFamilies() {
        MetricRegistry r = new MetricRegistry();
        NetworkView network = new NetworkViewAdapter() {
            @Override
            public List<SwitchInfo> switches() {
                return List.of(new SwitchInfo("00:00:00:00:00:00:00:01", "127.0.0.1:50000", "OF_13", 4, 12, 2, 30, 1, 0));
            }

            @Override
            public Map<String, Long> openFlowMessages() {
                return Map.of("in/packet_in", 30L, "out/flow_mod", 12L);
            }
        };
        r.register(new ViewMetrics(new ConfiguredDistributionView(ViewMetricsTest::threeMembers, () -> 1), network));
        Map<String, List<MetricsTextParser.ParsedSample>> text = MetricsTextParser.parse(r.scrapeText());
        assertThat(text).containsKeys("flowlb_member_weight", "flowlb_member_share", "flowlb_member_health",
                "flowlb_member_active_connections", "flowlb_member_packets_total", "flowlb_member_bytes_total",
                "flowlb_vip_active_connections", "flowlb_pool_members_alive", "flowlb_switch_flows",
                "flowlb_switch_packet_ins_total", "flowlb_switch_errors_total", "flowlb_openflow_messages_total");
        assertThat(text.get("flowlb_member_weight")).anySatisfy(s -> {
            assertThat(s.labels()).isEqualTo(Map.of("vip", "v1", "pool", "web", "member", "m2"));
            assertThat(s.value()).isEqualTo(3);
        });
        assertThat(text.get("flowlb_pool_members_alive")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(2));
        assertThat(text.get("flowlb_switch_flows")).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(12));
        assertThat(text.get("flowlb_openflow_messages_total")).anySatisfy(s -> {
            assertThat(s.labels()).isEqualTo(Map.of("direction", "in", "type", "packet_in"));
            assertThat(s.value()).isEqualTo(30);
        });
    }
}
