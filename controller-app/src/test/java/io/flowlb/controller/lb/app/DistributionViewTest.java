package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The distribution view: weights as installed, health as published, traffic measured from group counters. */
class DistributionViewTest extends LbTestBase {

    VipDistribution view() {
        return net.app().distributionView().distribution(VIP_ID);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void showsWeightsAndTheMeasuredShareOfEachMember(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL), weighted(), 80,
                new int[] {1, 1, 2});
        assertThat(view().members()).extracting(MemberDistribution::weight).containsExactly(1, 1, 2);
        assertThat(view().members()).extracting(MemberDistribution::health).containsOnly(Health.UNKNOWN);
        assertThat(view().members().get(2).share()).isEqualTo(0.5);

        spread(10_000, 400);
        net.advance(5_000);

        List<MemberDistribution> m = view().members();
        assertThat(m.stream().mapToLong(MemberDistribution::packetsIn).sum()).isEqualTo(400);
        assertThat(m.get(2).share()).as("measured, not configured").isBetween(0.4, 0.6)
                .isEqualTo(m.get(2).packetsIn() / 400.0);
        assertThat(m.get(0).bytesIn()).isPositive();
        assertThat(net.app().distributionView().counters(VIP_ID, member(2)).packetsIn())
                .as("one member's counters, looked up directly").isEqualTo(m.get(2).packetsIn());
        assertThat(net.app().distributionView().counters(VIP_ID, MemberId.of("nobody")))
                .isNull();
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void showsTheHealthTheMasterModulePublished(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL), weighted(), 80,
                new int[] {1, 1, 1});

        net.app().publish(POOL, new PoolWeights(POOL, List.of(MemberWeight.closed(member(0), 1, false),
                new MemberWeight(member(1), 1, 1, true, true), new MemberWeight(member(2), 1, 1, true, true))));
        settle();

        assertThat(view().members()).extracting(MemberDistribution::health)
                .containsExactly(Health.DOWN, Health.UP, Health.UP);
        assertThat(view().members()).extracting(MemberDistribution::alive).containsExactly(false, true, true);
        assertThat(view().generation()).isPositive();
    }
}
