package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.LargeConfigs;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The weights the LB application installs, with the memory benchmark's 1,000 pools of 100
 * members: work is counted (pools stepped, weights rebuilt), never timed.
 */
class EffectiveWeightsTest {
    private static final LbConfig LARGE = LargeConfigs.natVips(1_000, 100);

    private final EffectiveWeights weights = new EffectiveWeights();

    @Test
    void everyPoolOfALargeConfigurationGetsWeightsForAllItsMembers() {
        weights.configure(LARGE);

        Map<PoolId, PoolWeights> all = weights.all(LARGE);
        assertThat(all).hasSize(1_000);
        assertThat(all.get(PoolId.of("p999")).members()).hasSize(100)
                .allSatisfy(w -> assertThat(w.acceptsNew()).isTrue());
        assertThat(weights.steps()).isEqualTo(1_000);
    }

    @Test
    void anEqualConfigurationStepsNoPoolAndRebuildsNoWeights() {
        weights.configure(LARGE);
        publishAll(LARGE);
        Map<PoolId, PoolWeights> first = weights.all(LARGE);

        LbConfig again = LargeConfigs.natVips(1_000, 100);
        weights.configure(again);
        Map<PoolId, PoolWeights> second = weights.all(again);

        assertThat(weights.steps()).isEqualTo(1_000);
        for (PoolId pool : first.keySet()) {
            assertThat(second.get(pool)).as("pool %s", pool).isSameAs(first.get(pool));
        }
    }

    @Test
    void changingOneMemberStepsAndRefitsOnlyItsPool() {
        weights.configure(LARGE);
        publishAll(LARGE);
        Map<PoolId, PoolWeights> before = weights.all(LARGE);
        MemberId added = MemberId.of("m42-new");

        LbConfig next = LARGE.withMember(Member.of(added, PoolId.of("p42"),
                IpAddress.parse("172.16.42.200"), 8080));
        weights.configure(next);
        Map<PoolId, PoolWeights> after = weights.all(next);

        assertThat(weights.steps()).isEqualTo(1_001);
        assertThat(after.get(PoolId.of("p42")).get(added)).as("a member the master has not published yet")
                .isNotNull();
        assertThat(after.get(PoolId.of("p42")).members()).hasSize(101);
        long rebuilt = before.keySet().stream().filter(p -> after.get(p) != before.get(p)).count();
        assertThat(rebuilt).isEqualTo(1);
    }

    /** What the master module does at start: publishes every pool, here with all members at weight 1. */
    private void publishAll(LbConfig config) {
        for (PoolId pool : config.pools().keySet()) {
            List<MemberWeight> w = new ArrayList<>();
            for (Member m : config.membersOf(pool)) {
                w.add(new MemberWeight(m.id(), 1, 1, true, true));
            }
            weights.publish(new PoolWeights(pool, w));
        }
    }
}
