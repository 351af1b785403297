package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.master.MasterService;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.openflow.SwitchServiceAdapter;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerMasterModuleTest {
    @TempDir
    Path dir;

    @Test
    void startedMasterModulePublishesTheConfiguredPoolsAndFollowsReportsUntilTheControllerCloses() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        List<PoolWeights> published = new CopyOnWriteArrayList<>();
        try (LbManager lb = LbManager.start(new StateStore(dir, LbJson.newMapper()), metrics)) {
            PoolId web = PoolId.of("web");
            lb.createPool(Pool.of(web)).get(5, TimeUnit.SECONDS);
            lb.createMember(Member.of(MemberId.of("m1"), web, IpAddress.parse("10.0.0.1"), 80))
                    .get(5, TimeUnit.SECONDS);
            AgentReportIntake intake = new AgentReportIntake(lb, LbJson.newMapper(), Clock.systemUTC(), metrics);
            Controller controller = new Controller(ControllerConfig.defaults(), new SwitchServiceAdapter(),
                    new ManualEventScheduler());
            MasterService master = controller.startMasterModule(lb, intake, (pool, w) -> published.add(w), metrics);
            assertThat(published).as("the existing configuration is replayed").hasSize(1);
            assertThatThrownBy(() -> controller.startMasterModule(lb, intake, (pool, w) -> { }, metrics))
                    .isInstanceOf(IllegalStateException.class);

            lb.createMember(Member.of(MemberId.of("m2"), web, IpAddress.parse("10.0.0.2"), 80))
                    .get(5, TimeUnit.SECONDS);
            lb.submit(() -> null).get(5, TimeUnit.SECONDS);
            assertThat(published.getLast().members()).hasSize(2);

            intake.accept("{\"member_id\":\"m2\",\"cpu_percent\":55}".getBytes(StandardCharsets.UTF_8), "test");
            lb.submit(() -> null).get(5, TimeUnit.SECONDS);
            lb.submit(() -> null).get(5, TimeUnit.SECONDS);
            assertThat(master.snapshot().member(MemberId.of("m2")).load().cpuPercent()).isEqualTo(55.0);

            controller.close();
            assertThat(controller.masterService()).isNull();
            int before = published.size();
            lb.createMember(Member.of(MemberId.of("m3"), web, IpAddress.parse("10.0.0.3"), 80))
                    .get(5, TimeUnit.SECONDS);
            lb.submit(() -> null).get(5, TimeUnit.SECONDS);
            assertThat(published).as("no publication after close").hasSize(before);
        }
    }
}
