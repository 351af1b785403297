package io.flowlb.controller.lb;

import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricFamily;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.MetricType;
import io.flowlb.controller.metrics.ProblemLog;
import io.flowlb.controller.metrics.Sample;
import io.flowlb.controller.persist.ConfigFileException;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ConflictException;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.ModelException;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load-balancer control loop (see the package notes): owns the configuration, saves every
 * accepted change with {@link StateStore} before publishing it, tells the
 * {@link LbConfigListener}s, and runs the tasks other parts post to it.
 *
 * <p>Start it with {@link #start}, which loads the state file and refuses to start over a corrupt
 * one; stop it with {@link #close()}.
 *
 * <p>Thread safety: see {@link LbService}. {@code store} is used only on {@code lb-control};
 * {@code current} is written only there and read anywhere (volatile).
 */
public final class LbManager implements LbService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LbManager.class);

    private final ControlLoop loop;
    private final StateStore store;
    private final List<LbConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter changes;
    private final Counter rejected;
    private final Counter writes;
    private final ProblemLog writeFailures;
    private final ProblemLog listenerFailures;
    private volatile Snapshot current;

    private record Snapshot(long version, LbConfig config) {
    }

    private LbManager(StateStore store, LbConfig initial, MetricRegistry metrics) {
        this.loop = new ControlLoop("lb-control", metrics);
        this.store = store;
        this.current = new Snapshot(0, initial);
        this.changes = metrics.counter("flowlb_config_changes_total", "Configuration changes accepted and saved.");
        this.rejected = metrics.counter("flowlb_config_changes_rejected_total",
                "Configuration changes rejected, by reason (validation, conflict, not_found, persistence, error).",
                "reason");
        this.writes = metrics.counter("flowlb_state_writes_total", "State file replacements that succeeded.");
        this.writeFailures = new ProblemLog(LOG, metrics.counter("flowlb_state_write_failures_total",
                "State file replacements that failed (the change was not applied), by exception.", "kind"));
        this.listenerFailures = new ProblemLog(LOG, metrics.counter("flowlb_config_listener_failures_total",
                "Configuration listener calls that threw, by listener and exception.", "kind"));
        metrics.register(this::families);
    }

    /**
     * Loads the state file from {@code store} and starts the control thread.
     *
     * @throws ConfigFileException when the state file exists but is unreadable or invalid: the
     *         controller must not start over it
     */
    public static LbManager start(StateStore store, MetricRegistry metrics) throws ConfigFileException {
        LbManager m = new LbManager(store, store.load(), metrics);
        m.loop.start();
        return m;
    }

    @Override
    public LbConfig config() {
        return current.config();
    }

    @Override
    public long version() {
        return current.version();
    }

    @Override
    public CompletableFuture<Vip> createVip(Vip vip) {
        return create("vip", vip.id(), LbConfig::vips, c -> c.withVip(vip));
    }

    @Override
    public CompletableFuture<Vip> putVip(Vip vip) {
        return put(vip.id(), LbConfig::vips, c -> c.withVip(vip));
    }

    @Override
    public CompletableFuture<Vip> deleteVip(VipId id) {
        return delete(id, LbConfig::vips, c -> c.withoutVip(id));
    }

    @Override
    public CompletableFuture<Pool> createPool(Pool pool) {
        return create("pool", pool.id(), LbConfig::pools, c -> c.withPool(pool));
    }

    @Override
    public CompletableFuture<Pool> putPool(Pool pool) {
        return put(pool.id(), LbConfig::pools, c -> c.withPool(pool));
    }

    @Override
    public CompletableFuture<Pool> deletePool(PoolId id) {
        return delete(id, LbConfig::pools, c -> c.withoutPool(id));
    }

    @Override
    public CompletableFuture<Member> createMember(Member member) {
        return create("member", member.id(), LbConfig::members, c -> c.withMember(member));
    }

    @Override
    public CompletableFuture<Member> putMember(Member member) {
        return put(member.id(), LbConfig::members, c -> c.withMember(member));
    }

    @Override
    public CompletableFuture<Member> deleteMember(MemberId id) {
        return delete(id, LbConfig::members, c -> c.withoutMember(id));
    }

    @Override
    public CompletableFuture<Monitor> createMonitor(Monitor monitor) {
        return create("monitor", monitor.id(), LbConfig::monitors, c -> c.withMonitor(monitor));
    }

    @Override
    public CompletableFuture<Monitor> putMonitor(Monitor monitor) {
        return put(monitor.id(), LbConfig::monitors, c -> c.withMonitor(monitor));
    }

    @Override
    public CompletableFuture<Monitor> deleteMonitor(MonitorId id) {
        return delete(id, LbConfig::monitors, c -> c.withoutMonitor(id));
    }

    @Override
    public CompletableFuture<RouterPool> createRouterPool(RouterPool routerPool) {
        return create("router pool", routerPool.id(), LbConfig::routerPools, c -> c.withRouterPool(routerPool));
    }

    @Override
    public CompletableFuture<RouterPool> putRouterPool(RouterPool routerPool) {
        return put(routerPool.id(), LbConfig::routerPools, c -> c.withRouterPool(routerPool));
    }

    @Override
    public CompletableFuture<RouterPool> deleteRouterPool(RouterPoolId id) {
        return delete(id, LbConfig::routerPools, c -> c.withoutRouterPool(id));
    }

    @Override
    public CompletableFuture<Member> setMemberWeight(MemberId id, int weight) {
        Objects.requireNonNull(id, "id");
        return put(id, LbConfig::members, c -> c.withMember(c.member(id).withWeight(weight)));
    }

    @Override
    public CompletableFuture<Member> setMemberAdminState(MemberId id, AdminState state) {
        Objects.requireNonNull(id, "id");
        if (state == null) {
            return CompletableFuture.failedFuture(new ValidationException("admin_state", "is required"));
        }
        return put(id, LbConfig::members, c -> c.withMember(c.member(id).withAdminState(state)));
    }

    @Override
    public CompletableFuture<LbConfig> replaceConfig(LbConfig config) {
        Objects.requireNonNull(config, "config");
        return apply(c -> ConfigChange.result(config, config));
    }

    @Override
    public <T> CompletableFuture<T> apply(ConfigChange<T> change) {
        Objects.requireNonNull(change, "change");
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            loop.execute(() -> commit(change, f));
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return loop.submit(task);
    }

    @Override
    public boolean inControlThread() {
        return loop.inLoop();
    }

    @Override
    public void addListener(LbConfigListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public CompletableFuture<Void> addListenerAndReplay(LbConfigListener listener) {
        Objects.requireNonNull(listener);
        return loop.submit(() -> {
            LbConfig now = current.config();
            listeners.add(listener);
            call(listener, LbConfig.EMPTY, now, ConfigDelta.between(LbConfig.EMPTY, now));
            return null;
        });
    }

    @Override
    public void removeListener(LbConfigListener listener) {
        listeners.remove(listener);
    }

    /** Stops the control thread after the changes already queued. */
    @Override
    public void close() {
        loop.close();
    }

    /** Runs one change on the control thread: compute, save, publish, tell, complete. */
    private <T> void commit(ConfigChange<T> change, CompletableFuture<T> f) {
        Snapshot before = current;
        ConfigChange.Result<T> r;
        try {
            r = change.apply(before.config());
        } catch (RuntimeException e) {
            rejected.inc(reason(e));
            f.completeExceptionally(e);
            return;
        }
        if (r.next().equals(before.config())) {
            f.complete(r.value());
            return;
        }
        try {
            store.save(r.next());
        } catch (IOException | RuntimeException e) {
            rejected.inc("persistence");
            writeFailures.record(e.getClass().getName(), "cannot save the configuration to " + store.file() + ": " + e,
                    null);
            f.completeExceptionally(new PersistenceException("the change could not be saved to " + store.file() + " ("
                    + e.getMessage() + ") and was not applied", e));
            return;
        }
        writes.inc();
        changes.inc();
        current = new Snapshot(before.version() + 1, r.next());
        ConfigDelta delta = ConfigDelta.between(before.config(), r.next());
        LOG.debug("configuration version {}: {}", before.version() + 1, delta);
        for (LbConfigListener l : listeners) {
            call(l, before.config(), r.next(), delta);
        }
        f.complete(r.value());
    }

    private void call(LbConfigListener l, LbConfig previous, LbConfig now, ConfigDelta delta) {
        try {
            l.configChanged(previous, now, delta);
        } catch (RuntimeException e) {
            listenerFailures.record(l.getClass().getName() + "/" + e.getClass().getSimpleName(),
                    "configuration listener " + l.getClass().getName() + " threw " + e, e);
        }
    }

    private <K, V> CompletableFuture<V> create(String kind, K id, Function<LbConfig, Map<K, V>> map,
                                               UnaryOperator<LbConfig> with) {
        Objects.requireNonNull(id, "id");
        return apply(c -> {
            if (map.apply(c).containsKey(id)) {
                throw new ConflictException("id", kind + " " + id + " already exists; use PUT to replace it");
            }
            LbConfig next = with.apply(c);
            return ConfigChange.result(next, map.apply(next).get(id));
        });
    }

    private <K, V> CompletableFuture<V> put(K id, Function<LbConfig, Map<K, V>> map, UnaryOperator<LbConfig> with) {
        Objects.requireNonNull(id, "id");
        return apply(c -> {
            LbConfig next = with.apply(c);
            return ConfigChange.result(next, map.apply(next).get(id));
        });
    }

    private <K, V> CompletableFuture<V> delete(K id, Function<LbConfig, Map<K, V>> map,
                                               UnaryOperator<LbConfig> without) {
        Objects.requireNonNull(id, "id");
        return apply(c -> ConfigChange.result(without.apply(c), map.apply(c).get(id)));
    }

    private static String reason(RuntimeException e) {
        if (e instanceof ModelException m) {
            return switch (m) {
                case ValidationException _ -> "validation";
                case ConflictException _ -> "conflict";
                case NotFoundException _ -> "not_found";
            };
        }
        return "error";
    }

    private List<MetricFamily> families() {
        Snapshot s = current;
        LbConfig c = s.config();
        return List.of(
                new MetricFamily("flowlb_config_version", "Configuration changes accepted since start.",
                        MetricType.GAUGE, List.of(), List.of(Sample.of(s.version()))),
                new MetricFamily("flowlb_config_objects", "Objects in the configuration, by kind.", MetricType.GAUGE,
                        List.of("kind"), List.of(Sample.of(c.vips().size(), "vip"), Sample.of(c.pools().size(), "pool"),
                        Sample.of(c.members().size(), "member"), Sample.of(c.monitors().size(), "monitor"),
                        Sample.of(c.routerPools().size(), "router_pool"))),
                new MetricFamily("flowlb_control_queue_depth", "Tasks waiting for the load-balancer control thread.",
                        MetricType.GAUGE, List.of(), List.of(Sample.of(loop.queued()))));
    }
}
