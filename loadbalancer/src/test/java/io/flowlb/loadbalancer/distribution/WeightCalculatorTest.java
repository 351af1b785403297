package io.flowlb.loadbalancer.distribution;

import static io.flowlb.loadbalancer.distribution.Fixtures.id;
import static io.flowlb.loadbalancer.distribution.Fixtures.member;
import static io.flowlb.loadbalancer.distribution.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.Pool;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightCalculatorTest {
    private static final long NOW = 100_000;
    private final WeightCalculator calculator = new WeightCalculator(DistributionSettings.DEFAULTS);

    private static Pool pool(Algorithm algorithm) {
        return Pool.of(Fixtures.POOL).withAlgorithm(algorithm);
    }

    private static MemberState weighted(String name, int weight) {
        return state(name).withMember(member(name).withWeight(weight));
    }

    private static List<Integer> weights(PoolWeights w) {
        return w.members().stream().map(MemberWeight::weight).toList();
    }

    @Test
    void roundRobinGivesEveryEligibleMemberTheSameWeight() {
        PoolWeights w = calculator.compute(pool(Algorithm.ROUND_ROBIN),
                List.of(weighted("a", 1), weighted("b", 50), weighted("c", 7).withHealth(Health.DOWN)), NOW);
        assertThat(weights(w)).containsExactly(1, 1, 0);
        assertThat(w.get(id("c")).alive()).isFalse();
    }

    @Test
    void weightedUsesConfiguredWeightsScaledByTheAgent() {
        MemberState c = weighted("c", 40);
        PoolWeights w = calculator.compute(pool(Algorithm.WEIGHTED),
                List.of(weighted("a", 10), weighted("b", 20), c.withAgent(c.agent().apply("75%"))), NOW);
        assertThat(weights(w)).containsExactly(10, 20, 30);
        assertThat(w.share(id("b"))).isCloseTo(20.0 / 60, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void listsMembersInIdOrderWhateverTheInputOrder() {
        PoolWeights w = calculator.compute(pool(Algorithm.WEIGHTED), List.of(weighted("c", 3), weighted("a", 1)), NOW);
        assertThat(w.members()).extracting(MemberWeight::memberId).containsExactly(id("a"), id("c"));
    }

    @Test
    void drainedMemberStaysAliveWithoutNewConnections() {
        MemberState b = weighted("b", 5);
        PoolWeights w = calculator.compute(pool(Algorithm.WEIGHTED),
                List.of(weighted("a", 5), b.withMember(b.member().withAdminState(AdminState.DRAIN))), NOW);
        MemberWeight drained = w.get(id("b"));
        assertThat(drained.alive()).isTrue();
        assertThat(drained.acceptsNew()).isFalse();
        assertThat(drained.weight()).isZero();
        assertThat(drained.baseWeight()).isEqualTo(5);
        assertThat(w.share(id("a"))).isEqualTo(1.0);
    }

    @Test
    void leastConnectionsFavoursTheMemberWithFewestConnections() {
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_CONNECTIONS), List.of(
                state("a").withActiveConnections(0),
                state("b").withActiveConnections(9),
                state("c").withActiveConnections(99)), NOW);
        // base / (1 + connections) = 1, 0.1, 0.01, scaled so the largest is 1000.
        assertThat(weights(w)).containsExactly(1000, 100, 10);
    }

    @Test
    void leastConnectionsWeighsConnectionsAgainstConfiguredWeight() {
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_CONNECTIONS), List.of(
                weighted("a", 1).withActiveConnections(4),
                weighted("b", 2).withActiveConnections(9)), NOW);
        // 1/5 = 0.2 and 2/10 = 0.2: equally loaded relative to their capacity.
        assertThat(weights(w)).containsExactly(1000, 1000);
    }

    @Test
    void leastConnectionsKeepsAtLeastWeightOneForAnEligibleMember() {
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_CONNECTIONS), List.of(
                state("a").withActiveConnections(0), state("b").withActiveConnections(1_000_000)), NOW);
        assertThat(weights(w)).containsExactly(1000, 1);
    }

    @Test
    void capabilityKeepsOnlyMembersWithEveryRequiredTagThenWeights() {
        Pool gpu = Pool.of(Fixtures.POOL).withCapability(Set.of("gpu", "cuda12"));
        PoolWeights w = calculator.compute(gpu, List.of(
                weighted("a", 3).withMember(member("a").withWeight(3).withTags(Set.of("gpu", "cuda12", "ssd"))),
                weighted("b", 5).withMember(member("b").withWeight(5).withTags(Set.of("gpu"))),
                weighted("c", 2).withMember(member("c").withWeight(2).withTags(Set.of("cuda12", "gpu")))), NOW);
        assertThat(weights(w)).containsExactly(3, 0, 2);
        assertThat(w.get(id("b")).acceptsNew()).isFalse();
        assertThat(w.get(id("b")).alive()).isTrue();
    }

    @Test
    void leastLoadGivesWeightProportionalToSpareCapacity() {
        DistributionSettings s = DistributionSettings.DEFAULTS;
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_LOAD), List.of(
                state("a").withReport(LoadReport.of(id("a"), 20, 20, NOW), s),
                state("b").withReport(LoadReport.of(id("b"), 60, 20, NOW), s),
                state("c").withReport(LoadReport.of(id("c"), 10, 80, NOW), s)), NOW);
        // Bottleneck headroom: 0.8, 0.4, 0.2 (memory limits c).
        assertThat(weights(w)).containsExactly(1000, 500, 250);
    }

    @Test
    void leastLoadTreatsAMemberWithoutFreshReportsAsAverage() {
        DistributionSettings s = DistributionSettings.DEFAULTS;
        long old = NOW - s.staleAfterMs() - 1;
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_LOAD), List.of(
                state("a").withReport(LoadReport.of(id("a"), 20, 0, NOW), s),
                state("b").withReport(LoadReport.of(id("b"), 60, 0, NOW), s),
                state("c").withReport(LoadReport.of(id("c"), 99, 0, old), s),
                state("d")), NOW);
        // a and b have headroom 0.8 and 0.4; c's report is stale and d never reported: both get the mean, 0.6.
        assertThat(weights(w)).containsExactly(1000, 500, 750, 750);
    }

    @Test
    void leastLoadWithoutAnyReportFallsBackToConfiguredWeights() {
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_LOAD), List.of(weighted("a", 1), weighted("b", 3)), NOW);
        assertThat(weights(w)).containsExactly(333, 1000);
    }

    @Test
    void leastLoadFavoursTheFasterOfTwoEquallyBusyMembers() {
        DistributionSettings s = DistributionSettings.DEFAULTS;
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_LOAD), List.of(
                state("a").withReport(new LoadReport(id("a"), 10, 50, 20, 10, 100, NOW), s),
                state("b").withReport(new LoadReport(id("b"), 10, 50, 20, 40, 100, NOW), s)), NOW);
        assertThat(w.get(id("a")).weight()).isGreaterThan(w.get(id("b")).weight());
    }

    @Test
    void poolWithNoEligibleMemberHasNoCapacity() {
        PoolWeights w = calculator.compute(pool(Algorithm.LEAST_LOAD),
                List.of(state("a").withHealth(Health.DOWN), state("b").withHealth(Health.DOWN)), NOW);
        assertThat(w.hasCapacity()).isFalse();
        assertThat(w.share(id("a"))).isZero();
    }
}
