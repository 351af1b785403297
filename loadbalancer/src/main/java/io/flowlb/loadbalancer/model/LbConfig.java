package io.flowlb.loadbalancer.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The whole load-balancer configuration: VIPs, pools, members, monitors and router pools, by id.
 *
 * <p>Design: an immutable value. Every instance has passed the record checks and the
 * referential checks of {@link ConfigValidator}, so holders never see a dangling reference.
 * Changes are pure: {@code withVip}, {@code withoutMember}... return a new configuration or
 * throw ({@link ValidationException}, {@link ConflictException}, {@link NotFoundException}) and
 * leave this one as it was, which makes a REST write all-or-nothing. The maps iterate in id
 * order, so a saved file and an API listing are stable.
 *
 * <p>Links: a member names its pool; a VIP names its pool ({@code pool_id}). A pool's
 * {@code vip_id} is Floodlight's reverse link: a pool given with one binds that VIP to it, and
 * after every change it shows the first VIP, by id, using the pool. Deleting a pool that a VIP
 * uses is a conflict; deleting a pool deletes its members; deleting a monitor that a pool uses is
 * a conflict.
 *
 * <p>Thread safety: immutable; safe to publish and share.
 */
public final class LbConfig {
    public static final LbConfig EMPTY = new LbConfig(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final SortedMap<VipId, Vip> vips;
    private final SortedMap<PoolId, Pool> pools;
    private final SortedMap<MemberId, Member> members;
    private final SortedMap<MonitorId, Monitor> monitors;
    private final SortedMap<RouterPoolId, RouterPool> routerPools;
    private final Map<PoolId, List<Member>> membersByPool;

    /** Builds and checks a configuration from maps keyed by each object's own id. */
    public LbConfig(Map<VipId, Vip> vips, Map<PoolId, Pool> pools, Map<MemberId, Member> members,
                    Map<MonitorId, Monitor> monitors, Map<RouterPoolId, RouterPool> routerPools) {
        TreeMap<VipId, Vip> v = keyed(vips, Vip::id);
        TreeMap<PoolId, Pool> p = keyed(pools, Pool::id);
        ConfigValidator.bindPools(v, p);
        this.vips = Collections.unmodifiableSortedMap(v);
        this.pools = Collections.unmodifiableSortedMap(p);
        this.members = Collections.unmodifiableSortedMap(keyed(members, Member::id));
        this.monitors = Collections.unmodifiableSortedMap(keyed(monitors, Monitor::id));
        this.routerPools = Collections.unmodifiableSortedMap(keyed(routerPools, RouterPool::id));
        Map<PoolId, List<Member>> byPool = new HashMap<>();
        for (Member m : this.members.values()) {
            byPool.computeIfAbsent(m.poolId(), k -> new ArrayList<>()).add(m);
        }
        byPool.replaceAll((k, list) -> List.copyOf(list));
        this.membersByPool = Map.copyOf(byPool);
        ConfigValidator.validate(this);
    }

    /** Builds and checks a configuration from lists, as read from a file; a repeated id is an error. */
    public static LbConfig of(Collection<Vip> vips, Collection<Pool> pools, Collection<Member> members,
                              Collection<Monitor> monitors, Collection<RouterPool> routerPools) {
        return new LbConfig(byId(vips, Vip::id, "vip"), byId(pools, Pool::id, "pool"),
                byId(members, Member::id, "member"), byId(monitors, Monitor::id, "monitor"),
                byId(routerPools, RouterPool::id, "router pool"));
    }

    public SortedMap<VipId, Vip> vips() {
        return vips;
    }

    public SortedMap<PoolId, Pool> pools() {
        return pools;
    }

    public SortedMap<MemberId, Member> members() {
        return members;
    }

    public SortedMap<MonitorId, Monitor> monitors() {
        return monitors;
    }

    public SortedMap<RouterPoolId, RouterPool> routerPools() {
        return routerPools;
    }

    public Vip vip(VipId id) {
        return found(vips.get(id), "vip", id);
    }

    public Pool pool(PoolId id) {
        return found(pools.get(id), "pool", id);
    }

    public Member member(MemberId id) {
        return found(members.get(id), "member", id);
    }

    public Monitor monitor(MonitorId id) {
        return found(monitors.get(id), "monitor", id);
    }

    public RouterPool routerPool(RouterPoolId id) {
        return found(routerPools.get(id), "router pool", id);
    }

    /** The members of a pool in id order; empty for a pool without members or an unknown pool. */
    public List<Member> membersOf(PoolId pool) {
        return membersByPool.getOrDefault(pool, List.of());
    }

    /** The VIPs bound to a pool, in id order. */
    public List<Vip> vipsOf(PoolId pool) {
        List<Vip> out = new ArrayList<>();
        for (Vip v : vips.values()) {
            if (pool.equals(v.poolId())) {
                out.add(v);
            }
        }
        return out;
    }

    /** Adds a VIP or replaces the one with the same id; its {@code pool_id} decides its pool. */
    public LbConfig withVip(Vip vip) {
        Objects.requireNonNull(vip, "vip");
        return new LbConfig(plus(vips, vip.id(), vip), poolsUnlinkedFrom(vip.id()), members, monitors, routerPools);
    }

    /** Deletes a VIP; its pool stays. */
    public LbConfig withoutVip(VipId id) {
        vip(id);
        return new LbConfig(minus(vips, id), poolsUnlinkedFrom(id), members, monitors, routerPools);
    }

    /** Adds a pool or replaces the one with the same id (its members stay). */
    public LbConfig withPool(Pool pool) {
        Objects.requireNonNull(pool, "pool");
        return new LbConfig(vips, plus(pools, pool.id(), pool), members, monitors, routerPools);
    }

    /** Deletes a pool and its members; a conflict while a VIP uses it. */
    public LbConfig withoutPool(PoolId id) {
        pool(id);
        for (Vip v : vips.values()) {
            if (id.equals(v.poolId())) {
                throw new ConflictException("id", "pool " + id + " is used by vip " + v.id()
                        + "; delete the vip or change its pool_id first");
            }
        }
        TreeMap<MemberId, Member> m = new TreeMap<>(members);
        m.values().removeIf(x -> x.poolId().equals(id));
        return new LbConfig(vips, minus(pools, id), m, monitors, routerPools);
    }

    /** Adds a member or replaces the one with the same id (which may move it to another pool). */
    public LbConfig withMember(Member member) {
        Objects.requireNonNull(member, "member");
        return new LbConfig(vips, pools, plus(members, member.id(), member), monitors, routerPools);
    }

    public LbConfig withoutMember(MemberId id) {
        member(id);
        return new LbConfig(vips, pools, minus(members, id), monitors, routerPools);
    }

    public LbConfig withMonitor(Monitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        return new LbConfig(vips, pools, members, plus(monitors, monitor.id(), monitor), routerPools);
    }

    /** Deletes a monitor; a conflict while a pool uses it. */
    public LbConfig withoutMonitor(MonitorId id) {
        monitor(id);
        for (Pool p : pools.values()) {
            if (p.monitorIds().contains(id)) {
                throw new ConflictException("id", "monitor " + id + " is used by pool " + p.id()
                        + "; remove it from the pool's monitor_ids first");
            }
        }
        return new LbConfig(vips, pools, members, minus(monitors, id), routerPools);
    }

    public LbConfig withRouterPool(RouterPool routerPool) {
        Objects.requireNonNull(routerPool, "routerPool");
        return new LbConfig(vips, pools, members, monitors, plus(routerPools, routerPool.id(), routerPool));
    }

    public LbConfig withoutRouterPool(RouterPoolId id) {
        routerPool(id);
        return new LbConfig(vips, pools, members, monitors, minus(routerPools, id));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LbConfig c && vips.equals(c.vips) && pools.equals(c.pools) && members.equals(c.members)
                && monitors.equals(c.monitors) && routerPools.equals(c.routerPools);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vips, pools, members, monitors, routerPools);
    }

    @Override
    public String toString() {
        return "LbConfig[" + vips.size() + " vips, " + pools.size() + " pools, " + members.size() + " members, "
                + monitors.size() + " monitors, " + routerPools.size() + " router pools]";
    }

    /**
     * The pools with every derived back-link to {@code vip} cleared, so that the VIP's own
     * {@code pool_id} alone decides its pool when the configuration is rebuilt.
     */
    private TreeMap<PoolId, Pool> poolsUnlinkedFrom(VipId vip) {
        TreeMap<PoolId, Pool> p = new TreeMap<>(pools);
        p.replaceAll((k, pool) -> vip.equals(pool.vipId()) ? pool.withVip(null) : pool);
        return p;
    }

    private static <K, V> TreeMap<K, V> plus(Map<K, V> in, K key, V value) {
        TreeMap<K, V> out = new TreeMap<>(in);
        out.put(key, value);
        return out;
    }

    private static <K, V> TreeMap<K, V> minus(Map<K, V> in, K key) {
        TreeMap<K, V> out = new TreeMap<>(in);
        out.remove(key);
        return out;
    }

    /**
     * A sorted copy of {@code in}, each value checked to be stored under its own id. A map already
     * sorted by id (every caller's: the maps of another configuration, {@link #of}'s) is copied in
     * linear time; a change to one object of 100,000 then costs no re-sorting.
     */
    private static <K extends Comparable<K>, V> TreeMap<K, V> keyed(Map<K, V> in, Function<V, K> id) {
        Objects.requireNonNull(in);
        for (Map.Entry<K, V> e : in.entrySet()) {
            V value = Fields.required("id", e.getValue());
            if (!id.apply(value).equals(e.getKey())) {
                throw new ValidationException("id", "is " + id.apply(value) + " but the object is stored under "
                        + e.getKey());
            }
        }
        return new TreeMap<>(in);
    }

    private static <K extends Comparable<K>, V> Map<K, V> byId(Collection<V> in, Function<V, K> id, String kind) {
        Map<K, V> out = new TreeMap<>();
        for (V value : in == null ? List.<V>of() : in) {
            V old = out.put(id.apply(Fields.required("id", value)), value);
            if (old != null) {
                throw new ValidationException("id", kind + " " + id.apply(value) + " appears twice");
            }
        }
        return out;
    }

    private static <T> T found(T value, String kind, Object id) {
        if (value == null) {
            throw new NotFoundException("id", "no " + kind + " " + id);
        }
        return value;
    }
}
