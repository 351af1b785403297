package io.flowlb.controller.lb;

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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The load-balancer configuration service: reads from the published snapshot, writes through the
 * control loop.
 *
 * <p>Every write returns a future that completes once the change is saved, published and the
 * listeners have run, with the object as stored (for deletes, the object removed). It fails
 * with:
 * <ul>
 *   <li>{@code ValidationException}: the configuration rejects the change (a reference to an
 *       object that does not exist, two VIPs on one service...), naming the field;</li>
 *   <li>{@code ConflictException}: {@code create...} of an id that exists, or deleting an object
 *       that another still uses;</li>
 *   <li>{@code NotFoundException}: the id to update or delete does not exist;</li>
 *   <li>{@link PersistenceException}: the state file could not be replaced; nothing changed;</li>
 *   <li>{@link java.util.concurrent.RejectedExecutionException}: the loop is stopped or its queue
 *       is full.</li>
 * </ul>
 * Futures complete on the control thread: a caller that chains work must use the
 * {@code ...Async} variants, and code running on the control thread must never wait for one.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public interface LbService {

    /** The current configuration (an immutable snapshot; never waits for the control thread). */
    LbConfig config();

    /** How many changes have been accepted since start; goes with {@link #config()}. */
    long version();

    CompletableFuture<Vip> createVip(Vip vip);

    /** Creates the VIP or replaces the one with its id. */
    CompletableFuture<Vip> putVip(Vip vip);

    CompletableFuture<Vip> deleteVip(VipId id);

    CompletableFuture<Pool> createPool(Pool pool);

    CompletableFuture<Pool> putPool(Pool pool);

    /** Deletes a pool and its members; a conflict while a VIP uses it. */
    CompletableFuture<Pool> deletePool(PoolId id);

    CompletableFuture<Member> createMember(Member member);

    CompletableFuture<Member> putMember(Member member);

    CompletableFuture<Member> deleteMember(MemberId id);

    CompletableFuture<Monitor> createMonitor(Monitor monitor);

    CompletableFuture<Monitor> putMonitor(Monitor monitor);

    /** Deletes a monitor; a conflict while a pool uses it. */
    CompletableFuture<Monitor> deleteMonitor(MonitorId id);

    CompletableFuture<RouterPool> createRouterPool(RouterPool routerPool);

    CompletableFuture<RouterPool> putRouterPool(RouterPool routerPool);

    CompletableFuture<RouterPool> deleteRouterPool(RouterPoolId id);

    /** Sets a member's configured weight ({@link Member#MIN_WEIGHT}-{@link Member#MAX_WEIGHT}). */
    CompletableFuture<Member> setMemberWeight(MemberId id, int weight);

    /** Puts a member in service (UP), drains it (DRAIN) or takes it out (MAINT). */
    CompletableFuture<Member> setMemberAdminState(MemberId id, AdminState state);

    /** Replaces the whole configuration (a {@code --config} file, {@code PUT /api/v1/config}). */
    CompletableFuture<LbConfig> replaceConfig(LbConfig config);

    /**
     * Applies any change computed from the current configuration, for changes that need to read
     * it first (merges, id allocation, several objects at once). All or nothing.
     */
    <T> CompletableFuture<T> apply(ConfigChange<T> change);

    /** Runs a task on the control thread; a task that throws is logged once per kind. */
    void execute(Runnable task);

    /** Runs a task on the control thread and completes with its result or its exception. */
    <T> CompletableFuture<T> submit(Callable<T> task);

    /** True on the control thread. */
    boolean inControlThread();

    void addListener(LbConfigListener listener);

    /**
     * Adds a listener and, on the control thread before any later change, calls it once with the
     * empty configuration as {@code previous} and the current one, so that it starts from the
     * same state as if it had seen every change.
     */
    CompletableFuture<Void> addListenerAndReplay(LbConfigListener listener);

    void removeListener(LbConfigListener listener);
}
