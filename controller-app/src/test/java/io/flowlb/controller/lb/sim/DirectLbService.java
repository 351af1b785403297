package io.flowlb.controller.lb.sim;

import io.flowlb.controller.lb.ConfigChange;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.LbConfigListener;
import io.flowlb.controller.lb.LbService;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * An {@link LbService} for tests that runs everything on the calling thread: a change is applied,
 * the listeners told and the future completed before the call returns; posted tasks run at once.
 * Nothing is saved. The test thread thus plays the LB control thread.
 */
public final class DirectLbService implements LbService {
    private final List<LbConfigListener> listeners = new ArrayList<>();
    private LbConfig config = LbConfig.EMPTY;
    private long version;

    @Override
    public LbConfig config() {
        return config;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public <T> CompletableFuture<T> apply(ConfigChange<T> change) {
        ConfigChange.Result<T> r;
        try {
            r = change.apply(config);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!r.next().equals(config)) {
            LbConfig before = config;
            config = r.next();
            version++;
            ConfigDelta delta = ConfigDelta.between(before, config);
            for (LbConfigListener l : List.copyOf(listeners)) {
                l.configChanged(before, config, delta);
            }
        }
        return CompletableFuture.completedFuture(r.value());
    }

    private <T> CompletableFuture<T> change(UnaryOperator<LbConfig> f, T value) {
        return apply(c -> ConfigChange.result(f.apply(c), value));
    }

    @Override
    public CompletableFuture<Vip> createVip(Vip vip) {
        return putVip(vip);
    }

    @Override
    public CompletableFuture<Vip> putVip(Vip vip) {
        return change(c -> c.withVip(vip), vip);
    }

    @Override
    public CompletableFuture<Vip> deleteVip(VipId id) {
        return change(c -> c.withoutVip(id), null);
    }

    @Override
    public CompletableFuture<Pool> createPool(Pool pool) {
        return putPool(pool);
    }

    @Override
    public CompletableFuture<Pool> putPool(Pool pool) {
        return change(c -> c.withPool(pool), pool);
    }

    @Override
    public CompletableFuture<Pool> deletePool(PoolId id) {
        return change(c -> c.withoutPool(id), null);
    }

    @Override
    public CompletableFuture<Member> createMember(Member member) {
        return putMember(member);
    }

    @Override
    public CompletableFuture<Member> putMember(Member member) {
        return change(c -> c.withMember(member), member);
    }

    @Override
    public CompletableFuture<Member> deleteMember(MemberId id) {
        return change(c -> c.withoutMember(id), null);
    }

    @Override
    public CompletableFuture<Monitor> createMonitor(Monitor monitor) {
        return putMonitor(monitor);
    }

    @Override
    public CompletableFuture<Monitor> putMonitor(Monitor monitor) {
        return change(c -> c.withMonitor(monitor), monitor);
    }

    @Override
    public CompletableFuture<Monitor> deleteMonitor(MonitorId id) {
        return change(c -> c.withoutMonitor(id), null);
    }

    @Override
    public CompletableFuture<RouterPool> createRouterPool(RouterPool routerPool) {
        return putRouterPool(routerPool);
    }

    @Override
    public CompletableFuture<RouterPool> putRouterPool(RouterPool routerPool) {
        return change(c -> c.withRouterPool(routerPool), routerPool);
    }

    @Override
    public CompletableFuture<RouterPool> deleteRouterPool(RouterPoolId id) {
        return change(c -> c.withoutRouterPool(id), null);
    }

    @Override
    public CompletableFuture<Member> setMemberWeight(MemberId id, int weight) {
        return change(c -> c.withMember(c.member(id).withWeight(weight)), null);
    }

    @Override
    public CompletableFuture<Member> setMemberAdminState(MemberId id, AdminState state) {
        return change(c -> c.withMember(c.member(id).withAdminState(state)), null);
    }

    @Override
    public CompletableFuture<LbConfig> replaceConfig(LbConfig next) {
        return change(c -> next, next);
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean inControlThread() {
        return true;
    }

    @Override
    public void addListener(LbConfigListener listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Void> addListenerAndReplay(LbConfigListener listener) {
        listeners.add(listener);
        listener.configChanged(LbConfig.EMPTY, config, ConfigDelta.between(LbConfig.EMPTY, config));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void removeListener(LbConfigListener listener) {
        listeners.remove(listener);
    }
}
