package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.LargeConfigs;
import io.flowlb.controller.lb.agent.AgentReport;
import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The master module with the memory benchmark's configuration, 1,000 round-robin pools of 100
 * members: the work it does is counted in pools stepped, not timed.
 */
class MasterModuleScaleTest {
    private static final long INTERVAL = DistributionSettings.DEFAULT_REPORT_INTERVAL_MS;
    private static final LbConfig LARGE = LargeConfigs.natVips(1_000, 100);

    private final ManualEventScheduler clock = new ManualEventScheduler();
    private final MetricRegistry metrics = new MetricRegistry();
    private final RecordingSink sink = new RecordingSink(clock::nowMillis);
    private final MasterModule master = new MasterModule(clock, sink, DistributionSettings.DEFAULTS, metrics);
    private final Counter poolSteps = metrics.counter("flowlb_master_pool_steps_total", "", "trigger");

    @BeforeEach
    void start() {
        master.start();
        master.configChanged(LbConfig.EMPTY, LARGE, ConfigDelta.between(LbConfig.EMPTY, LARGE));
    }

    @Test
    void largeConfigurationIsPublishedOncePerPoolAndThenLeftAloneWhileIdle() {
        assertThat(sink.published).hasSize(1_000);
        assertThat(master.snapshot().pools()).hasSize(1_000);
        assertThat(poolSteps.value("change")).isEqualTo(1_000);

        clock.advance(30 * INTERVAL);

        assertThat(poolSteps.value("periodic")).as("no pool can change without an event").isZero();
        assertThat(sink.published).hasSize(1_000);
        assertThat(master.snapshot().atMillis()).as("the snapshot is still refreshed").isEqualTo(clock.nowMillis());
    }

    @Test
    void onlyThePoolWhoseMemberReportsLoadIsSteppedPeriodically() {
        Instant now = Instant.ofEpochMilli(clock.nowMillis());
        master.reportReceived(new AgentReport(MemberId.of("m7-3"), null, 8080, 5L, 40.0, 30.0, null, null, null, 1,
                now, now, "test"));
        assertThat(poolSteps.value("change")).isEqualTo(1_001);

        clock.advance(10 * INTERVAL);

        assertThat(poolSteps.value("periodic")).as("pool p7, once per interval: its report grows stale")
                .isEqualTo(10);
        assertThat(master.snapshot().member(MemberId.of("m7-3")).loadFresh()).isFalse();
    }

    @Test
    void changingOneMemberStepsOnlyItsPool() {
        LbConfig next = LARGE.withMember(LARGE.member(MemberId.of("m500-9")).withWeight(7));
        master.configChanged(LARGE, next, ConfigDelta.between(LARGE, next));

        assertThat(poolSteps.value("change")).isEqualTo(1_001);
    }
}
