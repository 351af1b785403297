package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.Health;
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
import org.junit.jupiter.api.Test;

class MasterDistributionViewTest {
    private static final PoolId WEB = PoolId.of("web");
    private static final VipId VIP = VipId.of("v1");

    private final ManualEventScheduler clock = new ManualEventScheduler();
    private final MasterModule master = new MasterModule(clock, (pool, weights) -> { },
            DistributionSettings.DEFAULTS, new MetricRegistry());
    private LbConfig config = LbConfig.of(List.of(Vip.of(VIP, IpAddress.parse("10.0.0.100"), Protocol.TCP, 80)
            .withPool(WEB)), List.of(Pool.of(WEB)), List.of(
            Member.of(MemberId.of("m1"), WEB, IpAddress.parse("10.0.0.1"), 80),
            Member.of(MemberId.of("m2"), WEB, IpAddress.parse("10.0.0.2"), 80)), List.of(), List.of());
    private final TrafficSource traffic = (vip, member) -> member.equals(MemberId.of("m1"))
            ? new TrafficSource.Traffic(3, 40, 100, 6_000, 90, 50_000) : null;
    private final MasterDistributionView view = new MasterDistributionView(() -> config, master, traffic);

    @Test
    void showsTheMasterModulesWeightsAndHealthWithTheLbApplicationsCounters() {
        master.configChanged(LbConfig.EMPTY, config, ConfigDelta.between(LbConfig.EMPTY, config));
        master.healthChanged(MemberId.of("m2"), Health.DOWN);
        master.healthChanged(MemberId.of("m1"), Health.UP);

        VipDistribution d = view.distribution(VIP);
        assertThat(d.generation()).isEqualTo(2);
        MemberDistribution m1 = d.members().get(0);
        MemberDistribution m2 = d.members().get(1);
        assertThat(m1.health()).isEqualTo(Health.UP);
        assertThat(m1.share()).isEqualTo(1.0);
        assertThat(m1.activeConnections()).isEqualTo(3);
        assertThat(m1.bytesOut()).isEqualTo(50_000);
        assertThat(m2.health()).isEqualTo(Health.DOWN);
        assertThat(m2.weight()).isZero();
        assertThat(m2.alive()).isFalse();
        assertThat(m2.totalConnections()).isZero();
    }

    @Test
    void poolTheMasterModuleHasNotSteppedYetShowsTheConfiguredWeights() {
        VipDistribution d = view.distribution(VIP);
        assertThat(d.members()).extracting(MemberDistribution::health).containsOnly(Health.UNKNOWN);
        assertThat(d.members()).extracting(MemberDistribution::share).containsOnly(0.5);
        assertThat(d.generation()).isZero();
    }
}
