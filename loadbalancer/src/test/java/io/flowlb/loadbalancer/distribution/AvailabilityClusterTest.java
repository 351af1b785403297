package io.flowlb.loadbalancer.distribution;

import static io.flowlb.loadbalancer.distribution.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.distribution.AvailabilityCluster.Candidate;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityClusterTest {

    /** Members a (failover order 0) and b (order 1), each operational or not. */
    private static List<Candidate> view(boolean a, boolean b) {
        return List.of(new Candidate(id("a"), 0, a), new Candidate(id("b"), 1, b));
    }

    @Test
    void startsWithTheOperationalMemberOfLowestFailoverOrderAsPrimary() {
        AvailabilityCluster c = AvailabilityCluster.EMPTY.next(view(true, true));
        assertThat(c.primary()).isEqualTo(id("a"));
        assertThat(c.roleOf(id("a"))).isEqualTo(ClusterRole.PRIMARY);
        assertThat(c.roleOf(id("b"))).isEqualTo(ClusterRole.SECONDARY_OPERATIONAL);
    }

    @Test
    void secondaryTakesOverWhenThePrimaryFails() {
        AvailabilityCluster c = AvailabilityCluster.EMPTY.next(view(true, true)).next(view(false, true));
        assertThat(c.primary()).isEqualTo(id("b"));
        assertThat(c.roleOf(id("a"))).isEqualTo(ClusterRole.SECONDARY_FAILED);
    }

    @Test
    void recoveredPrimaryDoesNotPreemptTheSecondary() {
        AvailabilityCluster c = AvailabilityCluster.EMPTY.next(view(true, true)).next(view(false, true))
                .next(view(true, true));
        assertThat(c.primary()).isEqualTo(id("b"));
        assertThat(c.roleOf(id("a"))).isEqualTo(ClusterRole.SECONDARY_OPERATIONAL);
    }

    @Test
    void formerPrimaryTakesOverWhenTheSecondaryFails() {
        AvailabilityCluster c = AvailabilityCluster.EMPTY.next(view(true, true)).next(view(false, true))
                .next(view(true, true)).next(view(true, false));
        assertThat(c.primary()).isEqualTo(id("a"));
        assertThat(c.roleOf(id("b"))).isEqualTo(ClusterRole.SECONDARY_FAILED);
    }

    @Test
    void hasNoPrimaryWhileEveryMemberIsDownAndTakesTheFirstToRecover() {
        AvailabilityCluster none = AvailabilityCluster.EMPTY.next(view(true, true)).next(view(false, false));
        assertThat(none.primary()).isNull();
        AvailabilityCluster back = none.next(view(false, true));
        assertThat(back.primary()).isEqualTo(id("b"));
        assertThat(back.next(view(true, true)).primary()).isEqualTo(id("b"));
    }

    @Test
    void primaryRemovedFromThePoolIsReplaced() {
        AvailabilityCluster c = AvailabilityCluster.EMPTY.next(view(true, true))
                .next(List.of(new Candidate(id("b"), 1, true)));
        assertThat(c.primary()).isEqualTo(id("b"));
    }

    @Test
    void aNewMemberWithALowerFailoverOrderDoesNotPreemptEither() {
        AvailabilityCluster c = AvailabilityCluster.EMPTY.next(List.of(new Candidate(id("b"), 5, true)))
                .next(List.of(new Candidate(id("a"), 0, true), new Candidate(id("b"), 5, true)));
        assertThat(c.primary()).isEqualTo(id("b"));
    }

    @Test
    void engineSendsNewConnectionsOnlyToThePrimaryAndFailsOverWithoutPreemption() {
        DistributionEngine engine = new DistributionEngine(DistributionSettings.DEFAULTS);
        Pool pool = Pool.of(Fixtures.POOL).withAvailability(AvailabilityMode.PRIMARY_SECONDARY);
        List<MemberState> up = List.of(Fixtures.state("a"),
                Fixtures.state("b").withMember(Fixtures.member("b").withFailoverOrder(1)));

        PoolDistribution s = engine.step(PoolDistribution.initial(Fixtures.POOL), pool, up, 0);
        assertThat(s.published().share(id("a"))).isEqualTo(1.0);
        assertThat(s.published().get(id("b")).alive()).isTrue();
        assertThat(s.published().get(id("b")).acceptsNew()).isFalse();

        List<MemberState> aDown = Fixtures.replace(up, up.get(0).withHealth(Health.DOWN));
        s = engine.step(s, pool, aDown, 1);
        assertThat(s.changed()).isTrue();
        assertThat(s.published().share(id("b"))).isEqualTo(1.0);

        s = engine.step(s, pool, up, 2);
        assertThat(s.published().share(id("b"))).isEqualTo(1.0);
        assertThat(s.cluster().roleOf(id("a"))).isEqualTo(ClusterRole.SECONDARY_OPERATIONAL);

        s = engine.step(s, pool, Fixtures.replace(up, up.get(1).withHealth(Health.DOWN)), 3);
        assertThat(s.published().share(id("a"))).isEqualTo(1.0);
    }
}
