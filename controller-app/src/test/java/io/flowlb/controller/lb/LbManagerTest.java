package io.flowlb.controller.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.ConfigFileException;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ConflictException;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LbManagerTest {
    @TempDir
    Path dir;
    private final List<LbManager> started = new ArrayList<>();
    private final MetricRegistry metrics = new MetricRegistry();

    private LbManager start() throws ConfigFileException {
        return start(new StateStore(dir, LbJson.newMapper()));
    }

    private LbManager start(StateStore store) throws ConfigFileException {
        LbManager m = LbManager.start(store, metrics);
        started.add(m);
        return m;
    }

    @AfterEach
    void stop() {
        started.forEach(LbManager::close);
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the future succeeded");
    }

    private static void populate(LbService lb) throws Exception {
        await(lb.createPool(Pool.of(PoolId.of("web"))));
        await(lb.createVip(Vip.of(VipId.of("v1"), IpAddress.parse("10.0.0.100"), Protocol.TCP, 80)
                .withPool(PoolId.of("web"))));
        for (int i = 1; i <= 3; i++) {
            await(lb.createMember(Member.of(MemberId.of("m" + i), PoolId.of("web"),
                    IpAddress.parse("10.0.0." + i), 80)));
        }
        await(lb.setMemberWeight(MemberId.of("m2"), 7));
        await(lb.setMemberAdminState(MemberId.of("m3"), AdminState.DRAIN));
    }

    @Test
    void restartOnTheSameStateDirectoryHasTheSameConfiguration() throws Exception {
        LbManager first = start();
        populate(first);
        LbConfig before = first.config();
        // No close(): the first manager is simply abandoned, as a killed process would be.
        LbManager second = start();
        assertThat(second.config()).isEqualTo(before);
        assertThat(second.config().member(MemberId.of("m2")).weight()).isEqualTo(7);
        assertThat(second.config().member(MemberId.of("m3")).adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(second.config().vip(VipId.of("v1")).poolId()).isEqualTo(PoolId.of("web"));
    }

    @Test
    void everyAcceptedChangeIsOnDiskWhenItsFutureCompletes() throws Exception {
        LbManager lb = start();
        await(lb.createPool(Pool.of(PoolId.of("p1"))));
        assertThat(new StateStore(dir, LbJson.newMapper()).load().pools()).containsKey(PoolId.of("p1"));
        assertThat(lb.version()).isEqualTo(1);
    }

    @Test
    void rejectedChangesNameTheFieldAndLeaveEverythingAsItWas() throws Exception {
        LbManager lb = start();
        populate(lb);
        long version = lb.version();
        byte[] file = Files.readAllBytes(dir.resolve(StateStore.FILE_NAME));

        Throwable dangling = failure(lb.createMember(Member.of(MemberId.of("m9"), PoolId.of("nope"),
                IpAddress.parse("10.0.0.9"), 80)));
        assertThat(dangling).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("pool_id"));
        assertThat(failure(lb.createVip(Vip.of(VipId.of("v1"), IpAddress.parse("10.0.0.200"), Protocol.TCP, 80))))
                .isInstanceOf(ConflictException.class);
        assertThat(failure(lb.deletePool(PoolId.of("web")))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("used by vip v1");
        assertThat(failure(lb.deleteMember(MemberId.of("ghost")))).isInstanceOf(NotFoundException.class);
        assertThat(failure(lb.setMemberWeight(MemberId.of("m1"), 1001))).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.field()).isEqualTo("weight"));

        assertThat(lb.version()).isEqualTo(version);
        assertThat(Files.readAllBytes(dir.resolve(StateStore.FILE_NAME))).isEqualTo(file);
        assertThat(metrics.scrapeText()).contains("flowlb_config_changes_rejected_total{reason=\"conflict\"} 2");
    }

    @Test
    void aChangeTheDiskRefusesIsNotApplied() throws Exception {
        boolean[] fail = {false};
        LbManager lb = start(new StateStore(dir, LbJson.newMapper(), step -> {
            if (fail[0]) {
                throw new IOException("disk full");
            }
        }));
        await(lb.createPool(Pool.of(PoolId.of("p1"))));
        fail[0] = true;
        assertThat(failure(lb.createPool(Pool.of(PoolId.of("p2"))))).isInstanceOf(PersistenceException.class)
                .hasMessageContaining("disk full").hasMessageContaining("not applied");
        assertThat(lb.config().pools()).containsOnlyKeys(PoolId.of("p1"));
        assertThat(metrics.scrapeText()).contains("flowlb_state_write_failures_total{kind=\"java.io.IOException\"} 1");
        fail[0] = false;
        assertThat(await(lb.createPool(Pool.of(PoolId.of("p2"))))).isNotNull();
    }

    @Test
    void corruptStateFileRefusesToStart() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), "{\"vips\":[{\"id\":\"v\"}]}");
        assertThatThrownBy(this::start).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining(StateStore.FILE_NAME).hasMessageContaining("vips[0].address");
    }

    @Test
    void listenersSeeEveryChangeInOrderOnTheControlThread() throws Exception {
        LbManager lb = start();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<LbConfig> chain = new CopyOnWriteArrayList<>();
        lb.addListener((previous, current, delta) -> {
            assertThat(lb.inControlThread()).isTrue();
            chain.add(previous);
            chain.add(current);
            seen.add(delta.toString());
        });
        lb.addListener((previous, current, delta) -> {
            throw new IllegalStateException("a broken installer");
        });
        populate(lb);
        assertThat(seen).containsExactly("pools +1 ~0 -0", "vips +1 ~0 -0, pools +0 ~1 -0", "members +1 ~0 -0",
                "members +1 ~0 -0", "members +1 ~0 -0", "members +0 ~1 -0", "members +0 ~1 -0");
        for (int i = 2; i < chain.size(); i += 2) {
            assertThat(chain.get(i)).isSameAs(chain.get(i - 1));
        }
        assertThat(metrics.scrapeText()).contains("flowlb_config_listener_failures_total");
    }

    @Test
    void replayedListenerStartsFromTheCurrentConfiguration() throws Exception {
        LbManager lb = start();
        populate(lb);
        List<ConfigDelta> deltas = new CopyOnWriteArrayList<>();
        await(lb.addListenerAndReplay((previous, current, delta) -> deltas.add(delta)));
        assertThat(deltas).hasSize(1);
        assertThat(deltas.get(0).members().added()).hasSize(3);
        assertThat(deltas.get(0).vips().added()).containsExactly(VipId.of("v1"));
    }

    @Test
    void fiftyParallelWritesAreEachAppliedOnceInSomeSerialOrder() throws Exception {
        LbManager lb = start();
        await(lb.createPool(Pool.of(PoolId.of("web"))));
        List<LbConfig> seen = new CopyOnWriteArrayList<>();
        lb.addListener((previous, current, delta) -> {
            assertThat(delta.members().added()).hasSize(1);
            seen.add(previous);
            seen.add(current);
        });
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<Member>> futures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> futures.add(lb.createMember(Member.of(MemberId.of("m" + n),
                    PoolId.of("web"), IpAddress.parse("10.0.1." + (n + 1)), 80)))));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (CompletableFuture<Member> f : futures) {
            await(f);
        }
        assertThat(lb.config().members()).hasSize(50);
        assertThat(lb.version()).isEqualTo(51);
        assertThat(seen).hasSize(100);
        for (int i = 2; i < seen.size(); i += 2) {
            assertThat(seen.get(i)).as("each change starts from the one before").isSameAs(seen.get(i - 1));
        }
        assertThat(new StateStore(dir, LbJson.newMapper()).load().members()).hasSize(50);
    }

    @Test
    void tasksRunOnTheControlThreadAndAFailingOneDoesNotStopIt() throws Exception {
        LbManager lb = start();
        lb.execute(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(await(lb.submit(lb::inControlThread))).isTrue();
        assertThat(lb.inControlThread()).isFalse();
        assertThat(metrics.scrapeText()).contains(
                "flowlb_control_task_failures_total{kind=\"java.lang.IllegalStateException\"} 1");
    }

    @Test
    void aStoppedManagerRejectsChanges() throws Exception {
        LbManager lb = start();
        lb.close();
        assertThat(failure(lb.createPool(Pool.of(PoolId.of("p"))))).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> lb.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void replacingTheWholeConfigurationIsOneChange() throws Exception {
        LbManager lb = start();
        populate(lb);
        LbConfig replacement = LbConfig.EMPTY.withPool(Pool.of(PoolId.of("other")));
        List<ConfigDelta> deltas = new CopyOnWriteArrayList<>();
        lb.addListener((p, c, d) -> deltas.add(d));
        assertThat(await(lb.replaceConfig(replacement))).isEqualTo(replacement);
        assertThat(lb.config()).isEqualTo(replacement);
        assertThat(deltas).hasSize(1);
        assertThat(deltas.get(0).members().removed()).hasSize(3);
        assertThat(deltas.get(0).pools().added()).containsExactly(PoolId.of("other"));
        // The same configuration again is not a change.
        long version = lb.version();
        await(lb.replaceConfig(replacement));
        assertThat(lb.version()).isEqualTo(version);
    }
}
