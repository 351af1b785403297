package io.flowlb.loadbalancer.distribution;

import static io.flowlb.loadbalancer.distribution.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The master module over time: agents report every interval and the engine steps after each round. */
class DistributionEngineTest {
    private static final DistributionSettings SETTINGS = DistributionSettings.DEFAULTS;
    private static final long INTERVAL = SETTINGS.reportIntervalMs();
    private static final Pool LEAST_LOAD = Pool.of(Fixtures.POOL).withAlgorithm(Algorithm.LEAST_LOAD);

    private final DistributionEngine engine = new DistributionEngine(SETTINGS);
    private List<MemberState> members = Fixtures.states("a", "b", "c");
    private PoolDistribution state = PoolDistribution.initial(Fixtures.POOL);
    private long now = 1_000_000;

    /** One report interval: every member reports (cpu, memory) and the engine steps. */
    private PoolDistribution round(double[] cpu, double[] memory) {
        now += INTERVAL;
        List<MemberState> next = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            MemberState s = members.get(i);
            next.add(s.withReport(new LoadReport(s.id(), 10, cpu[i], memory[i], 0, 0, now), SETTINGS));
        }
        members = next;
        state = engine.step(state, LEAST_LOAD, members, now);
        return state;
    }

    private double share(String member) {
        return state.published().share(id(member));
    }

    @Test
    void memberJumpingTo90PercentCpuLosesMoreThanHalfItsShareWithinTwoReportIntervals() {
        for (int i = 0; i < 5; i++) {
            round(new double[] {20, 20, 20}, new double[] {30, 30, 30});
        }
        double before = share("a");
        assertThat(before).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.01));

        round(new double[] {90, 20, 20}, new double[] {30, 30, 30});
        round(new double[] {90, 20, 20}, new double[] {30, 30, 30});

        assertThat(share("a")).isLessThan(before / 2);
        assertThat(share("b")).isEqualTo(share("c"));
    }

    @Test
    void memberJumpingTo90PercentCpuInAPoolOfTwoAlsoLosesMoreThanHalf() {
        members = Fixtures.states("a", "b");
        for (int i = 0; i < 5; i++) {
            round(new double[] {20, 20}, new double[] {30, 30});
        }
        double before = share("a");
        round(new double[] {90, 20}, new double[] {30, 30});
        round(new double[] {90, 20}, new double[] {30, 30});
        assertThat(share("a")).isLessThan(before / 2);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void holdsWeightsSteadyWhileReportsJitterByFivePoints(long seed) {
        Random noise = new Random(seed);
        PoolWeights first = null;
        for (int i = 0; i < 100; i++) {
            double[] cpu = new double[3];
            double[] memory = new double[3];
            for (int m = 0; m < 3; m++) {
                cpu[m] = 40 + (noise.nextDouble() * 10 - 5);
                memory[m] = 30 + (noise.nextDouble() * 10 - 5);
            }
            round(cpu, memory);
            if (i == 0) {
                first = state.published();
            } else {
                assertThat(state.changed()).as("published again at interval %d", i).isFalse();
            }
        }
        assertThat(state.published()).isSameAs(first);
        assertThat(state.generation()).isEqualTo(1);
    }

    @Test
    void movesWeightsOnARealChangeAfterAQuietPeriod() {
        for (int i = 0; i < 10; i++) {
            round(new double[] {40, 41, 39}, new double[] {30, 30, 30});
        }
        long quiet = state.generation();
        round(new double[] {75, 40, 40}, new double[] {30, 30, 30});
        assertThat(state.changed()).isTrue();
        assertThat(state.generation()).isEqualTo(quiet + 1);
        assertThat(share("a")).isLessThan(share("b"));
    }

    @Test
    void publishesAHealthChangeImmediatelyEvenWhenSharesBarelyMove() {
        members = Fixtures.states("a", "b", "c");
        state = engine.step(state, LEAST_LOAD, members, now);
        members = Fixtures.replace(members, members.get(2).withMember(members.get(2).member().withAdminState(AdminState.DRAIN)));
        PoolDistribution drained = engine.step(state, LEAST_LOAD, members, now);
        assertThat(drained.changed()).isTrue();
        assertThat(drained.published().get(id("c")).acceptsNew()).isFalse();
        assertThat(drained.published().get(id("c")).alive()).isTrue();
    }

    @Test
    void publishesAConfiguredWeightChangeImmediately() {
        Pool weighted = Pool.of(Fixtures.POOL).withAlgorithm(Algorithm.WEIGHTED);
        List<MemberState> m = List.of(Fixtures.state("a").withMember(Fixtures.member("a").withWeight(100)),
                Fixtures.state("b").withMember(Fixtures.member("b").withWeight(100)));
        PoolDistribution s = engine.step(state, weighted, m, now);
        PoolDistribution s2 = engine.step(s, weighted,
                Fixtures.replace(m, m.get(0).withMember(Fixtures.member("a").withWeight(105))), now);
        assertThat(s2.changed()).isTrue();
        assertThat(s2.published().get(id("a")).weight()).isEqualTo(105);
    }

    @Test
    void doesNotRepublishIdenticalWeights() {
        PoolDistribution s = engine.step(state, Pool.of(Fixtures.POOL), members, now);
        PoolDistribution again = engine.step(s, Pool.of(Fixtures.POOL), members, now + INTERVAL);
        assertThat(s.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThat(again.generation()).isEqualTo(s.generation());
    }

    @Test
    void forgetsStaleReportsAndWeighsTheSilentMemberAsAverage() {
        for (int i = 0; i < 3; i++) {
            round(new double[] {90, 20, 20}, new double[] {30, 30, 30});
        }
        assertThat(share("a")).isLessThan(0.2);
        // a's agent goes silent; b and c keep reporting.
        for (int i = 0; i < SETTINGS.staleAfterReports() + 1; i++) {
            now += INTERVAL;
            members = List.of(members.get(0),
                    members.get(1).withReport(LoadReport.of(id("b"), 20, 30, now), SETTINGS),
                    members.get(2).withReport(LoadReport.of(id("c"), 20, 30, now), SETTINGS));
            state = engine.step(state, LEAST_LOAD, members, now);
        }
        assertThat(share("a")).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.01));
    }
}
