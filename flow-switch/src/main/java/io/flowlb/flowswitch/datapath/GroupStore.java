package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The control side of the group table: GROUP_MOD semantics (add, modify, delete; chaining
 * checks: unknown groups, loops, deleting a group another group forwards to) and the compiled
 * groups a snapshot needs, rebuilt when a spec or the liveness of a watched port changes.
 *
 * <p>Design: each group owns a stable slot (the operand of compiled GROUP actions), so flows
 * need no recompilation when groups change.
 *
 * <p>Thread safety: owned by the control thread.
 */
final class GroupStore {
    /** Groups chain at most this deep (OpenFlow leaves the bound to the switch). */
    static final int MAX_CHAIN = 8;

    /** One installed group. */
    static final class Entry {
        final int slot;
        GroupSpec spec;
        final long createdNanos;
        long[][] counters;
        /** The buckets' keys ({@link BucketKeys}) and connections placed on them ({@link Placements}). */
        long[] bucketKeys;
        long[][] placed;
        CompiledGroup compiled;
        boolean[] liveness;

        Entry(int slot, GroupSpec spec, long createdNanos) {
            this.slot = slot;
            this.spec = spec;
            this.createdNanos = createdNanos;
        }
    }

    private final int maxGroups;
    private final int threads;
    private final SelectCompiler selectCompiler;
    private final Map<Integer, Entry> byId = new LinkedHashMap<>();
    private final Entry[] bySlot;

    GroupStore(int maxGroups, int threads, SelectCompiler selectCompiler) {
        this.maxGroups = maxGroups;
        this.threads = threads;
        this.selectCompiler = selectCompiler;
        this.bySlot = new Entry[maxGroups];
    }

    int slotOf(int groupId) {
        Entry e = byId.get(groupId);
        return e == null ? -1 : e.slot;
    }

    Entry get(int groupId) {
        return byId.get(groupId);
    }

    List<Entry> entries() {
        return new ArrayList<>(byId.values());
    }

    DatapathError add(GroupSpec spec, long now) {
        if (Integer.compareUnsigned(spec.groupId(), GroupSpec.MAX) > 0) {
            return DatapathError.INVALID_GROUP;
        }
        if (byId.containsKey(spec.groupId())) {
            return DatapathError.GROUP_EXISTS;
        }
        DatapathError e = validate(spec);
        if (e.isError()) {
            return e;
        }
        int slot = freeSlot();
        if (slot < 0) {
            return DatapathError.OUT_OF_GROUPS;
        }
        Entry entry = new Entry(slot, spec, now);
        entry.counters = newCounters(spec);
        entry.bucketKeys = BucketKeys.of(spec.buckets());
        entry.placed = Placements.fresh(entry.bucketKeys.length, threads);
        byId.put(spec.groupId(), entry);
        bySlot[slot] = entry;
        return DatapathError.NONE;
    }

    DatapathError modify(GroupSpec spec) {
        Entry entry = byId.get(spec.groupId());
        if (entry == null) {
            return DatapathError.UNKNOWN_GROUP;
        }
        DatapathError e = validate(spec);
        if (e.isError()) {
            return e;
        }
        if (entry.spec.buckets().size() != spec.buckets().size()) {
            entry.counters = newCounters(spec);
        }
        long[] keys = BucketKeys.of(spec.buckets());
        entry.placed = Placements.carry(entry.bucketKeys, entry.placed, keys, threads);
        entry.bucketKeys = keys;
        entry.spec = spec;
        entry.compiled = null;
        return DatapathError.NONE;
    }

    /**
     * Deletes one group or all ({@link GroupSpec#ALL}); deleting an unknown group is no error.
     * The deleted ids are added to {@code deleted} so the caller removes the flows using them.
     */
    DatapathError delete(int groupId, List<Integer> deleted) {
        if (groupId == GroupSpec.ALL) {
            deleted.addAll(byId.keySet());
            byId.clear();
            Arrays.fill(bySlot, null);
            return DatapathError.NONE;
        }
        Entry entry = byId.get(groupId);
        if (entry == null) {
            return DatapathError.NONE;
        }
        for (Entry other : byId.values()) {
            if (other != entry && references(other.spec, groupId)) {
                return DatapathError.CHAINED_GROUP;
            }
        }
        byId.remove(groupId);
        bySlot[entry.slot] = null;
        deleted.add(groupId);
        return DatapathError.NONE;
    }

    /** The number of flows and groups pointing at a group (the OFPMP_GROUP ref_count) is the
     *  caller's flows plus the groups counted here. */
    int groupReferences(int groupId) {
        int n = 0;
        for (Entry other : byId.values()) {
            n += references(other.spec, groupId) ? 1 : 0;
        }
        return n;
    }

    /** The groups by slot for a new snapshot, recompiling those whose spec or liveness changed. */
    CompiledGroup[] compiled(IntPredicate portLive) {
        CompiledGroup[] out = new CompiledGroup[highestSlot() + 1];
        for (Entry e : byId.values()) {
            boolean[] live = liveness(e.spec, portLive, 0);
            if (e.compiled == null || !Arrays.equals(live, e.liveness)) {
                e.compiled = compile(e, live);
                e.liveness = live;
            }
            out[e.slot] = e.compiled;
        }
        return out;
    }

    private CompiledGroup compile(Entry e, boolean[] live) {
        List<Bucket> buckets = e.spec.buckets();
        Program[] programs = new Program[buckets.size()];
        for (int i = 0; i < programs.length; i++) {
            programs[i] = ActionCompiler.compile(buckets.get(i).actions(), ActionCompiler.Context.BUCKET,
                    this::slotOf, PacketInReason.ACTION, false).program();
        }
        int firstLive = -1;
        for (int i = 0; i < live.length && firstLive < 0; i++) {
            firstLive = live[i] ? i : -1;
        }
        var service = e.spec.type() == GroupType.SELECT ? selectCompiler.compile(e.spec, e.bucketKeys, live)
                : null;
        return new CompiledGroup(e.slot, e.spec.groupId(), e.spec.type(), programs, firstLive, service, e.counters,
                e.placed);
    }

    /** Liveness of each bucket: watch port live (or none) and watch group live (or none). */
    private boolean[] liveness(GroupSpec spec, IntPredicate portLive, int depth) {
        boolean[] live = new boolean[spec.buckets().size()];
        for (int i = 0; i < live.length; i++) {
            Bucket b = spec.buckets().get(i);
            boolean ok = !b.hasWatchPort() || portLive.test(b.watchPort());
            if (ok && b.hasWatchGroup()) {
                Entry g = byId.get(b.watchGroup());
                ok = g != null && depth < MAX_CHAIN && anyTrue(liveness(g.spec, portLive, depth + 1));
            }
            live[i] = ok;
        }
        return live;
    }

    private static boolean anyTrue(boolean[] a) {
        for (boolean b : a) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private DatapathError validate(GroupSpec spec) {
        if (spec.type() == null) {
            return DatapathError.GROUP_BAD_TYPE;
        }
        if (spec.type() == GroupType.INDIRECT && spec.buckets().size() != 1) {
            return DatapathError.INVALID_GROUP;
        }
        for (Bucket b : spec.buckets()) {
            if (spec.type() == GroupType.FAST_FAILOVER && !b.hasWatchPort() && !b.hasWatchGroup()) {
                return DatapathError.BAD_WATCH;
            }
            if (b.hasWatchGroup() && (b.watchGroup() == spec.groupId() || !byId.containsKey(b.watchGroup()))) {
                return DatapathError.BAD_WATCH;
            }
            if (b.weight() < 0 || b.weight() > 0xffff) {
                return DatapathError.BAD_BUCKET;
            }
            for (Action a : b.actions()) {
                if (a instanceof Action.Group g && g.groupId() == spec.groupId()) {
                    return DatapathError.LOOP;
                }
            }
            ActionCompiler.Result r = ActionCompiler.compile(b.actions(), ActionCompiler.Context.BUCKET,
                    this::slotOf, PacketInReason.ACTION, false);
            if (!r.ok()) {
                return r.error();
            }
        }
        return chainDepth(spec, spec.groupId(), 0);
    }

    /** LOOP when the chain from {@code spec} comes back to {@code root}, or runs too deep. */
    private DatapathError chainDepth(GroupSpec spec, int root, int depth) {
        if (depth >= MAX_CHAIN) {
            return DatapathError.LOOP;
        }
        for (Bucket b : spec.buckets()) {
            for (Action a : b.actions()) {
                if (a instanceof Action.Group g) {
                    if (g.groupId() == root) {
                        return DatapathError.LOOP;
                    }
                    Entry next = byId.get(g.groupId());
                    DatapathError e = next == null ? DatapathError.NONE : chainDepth(next.spec, root, depth + 1);
                    if (e.isError()) {
                        return e;
                    }
                }
            }
        }
        return DatapathError.NONE;
    }

    private static boolean references(GroupSpec spec, int groupId) {
        for (Bucket b : spec.buckets()) {
            if (b.watchGroup() == groupId) {
                return true;
            }
            for (Action a : b.actions()) {
                if (a instanceof Action.Group g && g.groupId() == groupId) {
                    return true;
                }
            }
        }
        return false;
    }

    private long[][] newCounters(GroupSpec spec) {
        long[][] c = new long[threads][];
        for (int t = 0; t < threads; t++) {
            // Padding keeps two threads' arrays of the same group off one cache line.
            c[t] = new long[2 + 2 * spec.buckets().size() + 8];
        }
        return c;
    }

    private int freeSlot() {
        for (int i = 0; i < maxGroups; i++) {
            if (bySlot[i] == null) {
                return i;
            }
        }
        return -1;
    }

    private int highestSlot() {
        int h = -1;
        for (Entry e : byId.values()) {
            h = Math.max(h, e.slot);
        }
        return h;
    }
}
