package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.agent.AgentReport;
import io.flowlb.controller.lb.agent.AgentState;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.loadbalancer.distribution.ClusterRole;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master module on a manual clock, fed the way the control thread feeds it, publishing to a recording sink. */
class MasterModuleTest {
    private static final PoolId WEB = PoolId.of("web");
    private static final PoolId API = PoolId.of("api");
    private static final long INTERVAL = DistributionSettings.DEFAULT_REPORT_INTERVAL_MS;

    private final ManualEventScheduler clock = new ManualEventScheduler();
    private final MetricRegistry metrics = new MetricRegistry();
    private final RecordingSink sink = new RecordingSink(clock::nowMillis);
    private final MasterModule master = new MasterModule(clock, sink, DistributionSettings.DEFAULTS, metrics);
    private LbConfig config = LbConfig.EMPTY;

    @BeforeEach
    void start() {
        master.start();
    }

    private void apply(LbConfig next) {
        LbConfig previous = config;
        config = next;
        master.configChanged(previous, next, ConfigDelta.between(previous, next));
    }

    private static Member member(PoolId pool, String id, int n) {
        return Member.of(MemberId.of(id), pool, IpAddress.parse("10.0.0." + n), 80).withWeight(10);
    }

    private static LbConfig pools(Pool web, Pool api) {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(member(WEB, "w" + i, i));
        }
        members.add(member(API, "a1", 11));
        members.add(member(API, "a2", 12));
        return LbConfig.of(List.of(), List.of(web, api), members, List.of(), List.of());
    }

    private AgentReport report(String member, double cpu, AgentState state) {
        Instant now = Instant.ofEpochMilli(clock.nowMillis());
        return new AgentReport(MemberId.of(member), null, 80, 5L, cpu, 30.0, null, null, state, 1, now, now, "test");
    }

    /** Every member of web reports; {@code hot} reports {@code hotCpu}, the others 20%. */
    private void reportRound(String hot, double hotCpu) {
        for (int i = 1; i <= 3; i++) {
            String m = "w" + i;
            master.reportReceived(report(m, m.equals(hot) ? hotCpu : 20.0, null));
        }
    }

    @Test
    void publishesEachPoolOnceAtStartAndNeverAgainWhileNothingChanges() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        assertThat(sink.published).extracting(RecordingSink.Publication::pool).containsExactly(API, WEB);
        assertThat(sink.share(WEB, "w1")).isEqualTo(1.0 / 3);
        clock.advance(10 * INTERVAL);
        assertThat(sink.published).hasSize(2);
        assertThat(metrics.scrapeText()).contains("flowlb_master_steps_total{trigger=\"periodic\"} 10");
    }

    @Test
    void memberGoingDownIsPublishedAtOnceWithoutWaitingForTheNextStep() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        long t = clock.nowMillis();
        master.healthChanged(MemberId.of("w2"), Health.DOWN);
        RecordingSink.Publication p = sink.published.getLast();
        assertThat(p.atMillis()).isEqualTo(t);
        assertThat(p.pool()).isEqualTo(WEB);
        assertThat(p.weights().get(MemberId.of("w2"))).satisfies(w -> {
            assertThat(w.weight()).isZero();
            assertThat(w.alive()).isFalse();
        });
        assertThat(sink.share(WEB, "w1")).isEqualTo(0.5);
        assertThat(sink.count(API)).as("the other pool is untouched").isEqualTo(1);

        master.healthChanged(MemberId.of("w2"), Health.UP);
        assertThat(sink.share(WEB, "w2")).isEqualTo(1.0 / 3);
    }

    @Test
    void burstOfEventsQueuedTogetherBecomesOneStep() {
        apply(pools(Pool.of(WEB).withAlgorithm(Algorithm.WEIGHTED), Pool.of(API)));
        int before = sink.published.size();
        clock.hold(true);
        master.healthChanged(MemberId.of("w1"), Health.DOWN);
        master.healthChanged(MemberId.of("w2"), Health.DOWN);
        master.agentReplied(MemberId.of("w3"), "50%");
        master.healthChanged(MemberId.of("a1"), Health.DOWN);
        clock.hold(false);
        clock.runQueued();
        assertThat(sink.published.subList(before, sink.published.size()))
                .extracting(RecordingSink.Publication::pool).containsExactly(API, WEB);
        assertThat(sink.last(WEB).get(MemberId.of("w3")).weight()).isEqualTo(5);
        assertThat(metrics.scrapeText()).contains("flowlb_master_steps_total{trigger=\"change\"} 2");
    }

    @Test
    void serverReportingNinetyPercentCpuLosesMoreThanHalfItsShareWithinTwoReportIntervals() {
        apply(pools(Pool.of(WEB).withAlgorithm(Algorithm.LEAST_LOAD), Pool.of(API)));
        for (int round = 0; round < 3; round++) {
            reportRound(null, 0);
            clock.advance(INTERVAL);
        }
        double before = sink.share(WEB, "w1");
        assertThat(before).isCloseTo(1.0 / 3, offset(0.01));

        long hotSince = clock.nowMillis();
        reportRound("w1", 90);
        double afterOne = sink.share(WEB, "w1");
        clock.advance(INTERVAL);
        reportRound("w1", 90);
        double afterTwo = sink.share(WEB, "w1");
        assertThat(clock.nowMillis() - hotSince).isLessThanOrEqualTo(2 * INTERVAL);
        assertThat(afterOne).as("one report moves the average 60% of the way").isLessThan(before);
        assertThat(afterTwo).as("share after two reports at 90%% CPU (was %.3f)", before).isLessThan(before / 2);
        assertThat(master.snapshot().member(MemberId.of("w1")).load().cpuPercent()).isCloseTo(78.8,
                offset(0.1));
    }

    @Test
    void staleReportStopsCountingAndTheMemberIsWeightedAsAnAverageOne() {
        apply(pools(Pool.of(WEB).withAlgorithm(Algorithm.LEAST_LOAD), Pool.of(API)));
        reportRound("w1", 90);
        clock.advance(INTERVAL);
        reportRound("w1", 90);
        assertThat(sink.share(WEB, "w1")).isLessThan(0.2);
        long lastHot = clock.nowMillis();
        for (int round = 0; round < 5; round++) {
            clock.advance(INTERVAL);
            master.reportReceived(report("w2", 20, null));
            master.reportReceived(report("w3", 20, null));
        }
        assertThat(clock.nowMillis() - lastHot).isGreaterThan(DistributionSettings.DEFAULTS.staleAfterMs());
        assertThat(sink.share(WEB, "w1")).isCloseTo(1.0 / 3, offset(0.01));
        assertThat(master.snapshot().member(MemberId.of("w1")).loadFresh()).isFalse();
        assertThat(master.snapshot().member(MemberId.of("w2")).loadFresh()).isTrue();
    }

    @Test
    void availabilityPoolFailsOverToTheNextMemberAndDoesNotPreemptOnRecovery() {
        Pool ha = Pool.of(WEB).withAlgorithm(Algorithm.WEIGHTED).withAvailability(AvailabilityMode.PRIMARY_SECONDARY);
        apply(pools(ha, Pool.of(API)));
        assertThat(master.snapshot().pool(WEB).primary()).isEqualTo(MemberId.of("w1"));
        assertThat(sink.share(WEB, "w1")).isEqualTo(1.0);

        master.healthChanged(MemberId.of("w1"), Health.DOWN);
        assertThat(sink.share(WEB, "w2")).isEqualTo(1.0);
        master.healthChanged(MemberId.of("w1"), Health.UP);
        assertThat(sink.share(WEB, "w2")).isEqualTo(1.0);
        assertThat(master.snapshot().member(MemberId.of("w1")).role()).isEqualTo(ClusterRole.SECONDARY_OPERATIONAL);
        assertThat(master.snapshot().member(MemberId.of("w1")).alive()).isTrue();
    }

    @Test
    void agentCheckLinesSetThePercentageAndDrainKeepsConnectionsButTakesNoNewOnes() {
        apply(pools(Pool.of(WEB).withAlgorithm(Algorithm.WEIGHTED), Pool.of(API)));
        master.agentReplied(MemberId.of("w1"), "up ready 50%");
        assertThat(sink.last(WEB).get(MemberId.of("w1")).weight()).isEqualTo(5);
        master.agentReplied(MemberId.of("w1"), "drain");
        MemberWeight w1 = sink.last(WEB).get(MemberId.of("w1"));
        assertThat(w1.acceptsNew()).isFalse();
        assertThat(w1.alive()).isTrue();
        int before = sink.published.size();
        master.agentUnreachable(MemberId.of("w1"), "refused");
        master.agentReplied(MemberId.of("w1"), "drain");
        assertThat(sink.published).as("nothing changed").hasSize(before);
        assertThat(master.snapshot().member(MemberId.of("w1")).agent().weightPercent()).isEqualTo(50);
    }

    @Test
    void agentStateInAReportAppliesLikeAnAgentCheckLine() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        master.reportReceived(report("w3", 10, AgentState.MAINT));
        assertThat(sink.last(WEB).get(MemberId.of("w3")).alive()).isFalse();
        master.reportReceived(report("w3", 10, AgentState.READY));
        assertThat(sink.last(WEB).get(MemberId.of("w3")).acceptsNew()).isTrue();
    }

    @Test
    void configurationChangeRepublishesOnlyThePoolsItTouches() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        apply(config.withMember(member(API, "a3", 13)));
        assertThat(sink.count(API)).isEqualTo(2);
        assertThat(sink.count(WEB)).isEqualTo(1);
        assertThat(sink.last(API).members()).hasSize(3);
        apply(config.withMember(config.member(MemberId.of("w1")).withWeight(0)));
        assertThat(sink.last(WEB).get(MemberId.of("w1")).acceptsNew()).isFalse();
    }

    @Test
    void memberKeepsItsHealthAcrossAConfigurationChangeAndAMoveToAnotherPool() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        master.healthChanged(MemberId.of("w3"), Health.DOWN);
        apply(config.withMember(config.member(MemberId.of("w3")).withWeight(20)));
        assertThat(sink.last(WEB).get(MemberId.of("w3")).alive()).isFalse();
        Member moved = new Member(MemberId.of("w3"), API, IpAddress.parse("10.0.0.3"), 80, null, 10, null, null, 0, 0);
        apply(config.withMember(moved));
        assertThat(sink.last(WEB).members()).hasSize(2);
        assertThat(sink.last(API).get(MemberId.of("w3")).alive()).isFalse();
        assertThat(master.snapshot().pool(API).member(MemberId.of("w3")).health()).isEqualTo(Health.DOWN);
    }

    @Test
    void removedPoolIsForgottenAndEventsAboutUnknownMembersAreIgnored() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        LbConfig withoutApi = config.withoutPool(API);
        apply(withoutApi);
        int before = sink.published.size();
        master.healthChanged(MemberId.of("a1"), Health.DOWN);
        master.healthChanged(MemberId.of("nobody"), Health.DOWN);
        master.reportReceived(report("a1", 50, null));
        clock.advance(3 * INTERVAL);
        assertThat(sink.published).hasSize(before);
        assertThat(master.snapshot().pools()).containsOnlyKeys(WEB);
    }

    @Test
    void sinkThatThrowsIsCountedAndLaterChangesAreStillPublished() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        sink.failWith = new IllegalStateException("switch gone");
        master.healthChanged(MemberId.of("w1"), Health.DOWN);
        sink.failWith = null;
        master.healthChanged(MemberId.of("w2"), Health.DOWN);
        assertThat(sink.last(WEB).get(MemberId.of("w2")).alive()).isFalse();
        assertThat(metrics.scrapeText()).contains("flowlb_master_problems_total{kind=\"sink\"} 1");
    }

    @Test
    void snapshotShowsPublishedWeightsSharesHealthAndGeneration() {
        apply(pools(Pool.of(WEB), Pool.of(API)));
        master.healthChanged(MemberId.of("w1"), Health.UP);
        master.healthChanged(MemberId.of("w2"), Health.DOWN);
        PoolStatus web = master.snapshot().pool(WEB);
        assertThat(web.generation()).isEqualTo(2);
        MemberStatus w1 = web.member(MemberId.of("w1"));
        assertThat(w1.health()).isEqualTo(Health.UP);
        assertThat(w1.share()).isEqualTo(0.5);
        assertThat(w1.weight()).isEqualTo(1);
        assertThat(w1.acceptsNew()).isTrue();
        assertThat(web.member(MemberId.of("w2")).alive()).isFalse();
        assertThat(w1.role()).isNull();
    }
}
