package io.flowlb.controller.lb;

import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one accepted change did, object by object: the ids added, updated (same id, different
 * value) and removed, per kind. Derived by comparing the two configurations, so a whole
 * {@code replaceConfig} is described as precisely as a single weight change.
 *
 * <p>Thread safety: immutable.
 */
public record ConfigDelta(Changes<VipId> vips, Changes<PoolId> pools, Changes<MemberId> members,
                          Changes<MonitorId> monitors, Changes<RouterPoolId> routerPools) {

    /** The changes of one kind of object, each set in id order. */
    public record Changes<K>(SortedSet<K> added, SortedSet<K> updated, SortedSet<K> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
        }

        /** Every id this change touched. */
        public SortedSet<K> all() {
            TreeSet<K> all = new TreeSet<>(added);
            all.addAll(updated);
            all.addAll(removed);
            return Collections.unmodifiableSortedSet(all);
        }

        static <K extends Comparable<K>, V> Changes<K> between(Map<K, V> before, Map<K, V> after) {
            TreeSet<K> added = new TreeSet<>();
            TreeSet<K> updated = new TreeSet<>();
            TreeSet<K> removed = new TreeSet<>();
            for (Map.Entry<K, V> e : after.entrySet()) {
                V old = before.get(e.getKey());
                if (old == null) {
                    added.add(e.getKey());
                } else if (!old.equals(e.getValue())) {
                    updated.add(e.getKey());
                }
            }
            for (K k : before.keySet()) {
                if (!after.containsKey(k)) {
                    removed.add(k);
                }
            }
            return new Changes<>(Collections.unmodifiableSortedSet(added), Collections.unmodifiableSortedSet(updated),
                    Collections.unmodifiableSortedSet(removed));
        }
    }

    public static ConfigDelta between(LbConfig before, LbConfig after) {
        return new ConfigDelta(Changes.between(before.vips(), after.vips()),
                Changes.between(before.pools(), after.pools()), Changes.between(before.members(), after.members()),
                Changes.between(before.monitors(), after.monitors()),
                Changes.between(before.routerPools(), after.routerPools()));
    }

    public boolean isEmpty() {
        return vips.isEmpty() && pools.isEmpty() && members.isEmpty() && monitors.isEmpty() && routerPools.isEmpty();
    }

    /** A short description for logs: {@code vips +1 ~0 -0, members +2 ~0 -0}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        part(b, "vips", vips);
        part(b, "pools", pools);
        part(b, "members", members);
        part(b, "monitors", monitors);
        part(b, "router_pools", routerPools);
        return b.isEmpty() ? "no change" : b.toString();
    }

    private static void part(StringBuilder b, String name, Changes<?> c) {
        if (!c.isEmpty()) {
            b.append(b.isEmpty() ? "" : ", ").append(name).append(" +").append(c.added().size()).append(" ~")
                    .append(c.updated().size()).append(" -").append(c.removed().size());
        }
    }
}
