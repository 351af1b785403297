package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.select.ServiceTable;
import io.flowlb.loadbalancer.table.ConnectionTable;

/**
 * Runs groups: ALL (every bucket on its own copy), INDIRECT (the bucket), FAST_FAILOVER (the
 * first live bucket, fixed when the snapshot was built) and SELECT, the load-balancing stage:
 * the poller's {@link ConnectionTable} first, so an existing connection keeps its bucket
 * whatever the weights do, then weighted Maglev over the live buckets for a new connection
 * ({@link Selector}). Connections are owned by the poller that receives the client's packets.
 *
 * <p>A bucket runs on the frame in place when nothing uses the frame afterwards (the group is
 * the last action), else on a copy one level deeper in the {@link FrameStack}.
 *
 * <p>Thread safety: owned by one pipeline thread.
 */
final class GroupStage {
    private final PacketContext ctx;
    private final FrameStack frames;
    private final ActionEngine engine;
    private final ThreadCounters counters;
    private final int thread;
    private final Selector selector;
    private final long hashSeed;
    private final FlowKey flowKey = new FlowKey();

    GroupStage(PacketContext ctx, FrameStack frames, ActionEngine engine, ThreadCounters counters, int thread,
            Selector selector, long hashSeed) {
        this.ctx = ctx;
        this.frames = frames;
        this.engine = engine;
        this.counters = counters;
        this.thread = thread;
        this.selector = selector;
        this.hashSeed = hashSeed;
    }

    void run(int slot, int depth, boolean tail) {
        CompiledGroup[] groups = ctx.snap.groups;
        CompiledGroup g = slot < groups.length ? groups[slot] : null;
        if (g == null || depth + 1 >= frames.levels()) {
            counters.drops[g == null ? Drops.GROUP_NO_BUCKET : Drops.GROUP_TOO_DEEP]++;
            return;
        }
        long[] gc = g.counters[thread];
        gc[0]++;
        gc[1] += frames.view(depth).length();
        if (ctx.trace != null) {
            ctx.trace.step(Trace.Kind.GROUP, "group " + Integer.toUnsignedString(g.groupId) + " type " + typeName(g));
        }
        switch (g.type) {
            case CompiledGroup.TYPE_ALL -> {
                int n = g.buckets.length;
                for (int i = 0; i < n; i++) {
                    bucket(g, i, depth, tail && i == n - 1);
                }
            }
            case CompiledGroup.TYPE_INDIRECT -> bucket(g, 0, depth, tail);
            case CompiledGroup.TYPE_FAST_FAILOVER -> chosen(g, g.liveBucket, depth, tail);
            default -> chosen(g, select(g, frames.view(depth)), depth, tail);
        }
    }

    private void chosen(CompiledGroup g, int bucket, int depth, boolean tail) {
        if (bucket < 0) {
            counters.drops[Drops.GROUP_NO_BUCKET]++;
            if (ctx.trace != null) {
                ctx.trace.step(Trace.Kind.DROP, "no live bucket");
            }
            return;
        }
        bucket(g, bucket, depth, tail);
    }

    private void bucket(CompiledGroup g, int i, int depth, boolean tail) {
        if (i >= g.buckets.length) {
            return;
        }
        long[] gc = g.counters[thread];
        gc[2 + 2 * i]++;
        gc[3 + 2 * i] += frames.view(depth).length();
        if (ctx.trace != null) {
            ctx.trace.step(Trace.Kind.BUCKET, "bucket " + i);
        }
        if (tail) {
            engine.run(g.buckets[i], depth, true);
            return;
        }
        if (frames.cloneUp(depth) == null) {
            counters.drops[Drops.GROUP_TOO_DEEP]++;
            return;
        }
        engine.run(g.buckets[i], depth + 1, true);
        ctx.dropped = false; // a copy's fate is not the original's
    }

    /** The SELECT bucket of this frame: its connection's, or Maglev's choice for a new one. */
    private int select(CompiledGroup g, PacketView v) {
        ServiceTable svc = g.service;
        if (!v.extractKey(flowKey)) {
            // Not IP: no connection to keep; spread by addresses, statelessly.
            return svc.pick(FlowKey.mix(v.ethSrc() ^ Long.rotateLeft(v.ethDst(), 24) ^ hashSeed));
        }
        if (ctx.trace != null) {
            int b = svc.pick(flowKey.hash(hashSeed));
            ctx.trace.step(Trace.Kind.GROUP, "select: a new connection goes to bucket " + b
                    + " (existing connections keep theirs)");
            return b;
        }
        int b = selector.select(flowKey, g.groupId, svc, v.tcpFlags(), ctx.now);
        if (b == Selector.REJECT) {
            counters.drops[Drops.SELECT_REJECTED]++;
            return -1;
        }
        if (b >= 0 && selector.lastOutcome() != Selector.HIT) {
            g.placed[b][thread * Placements.STRIDE]++; // a connection placed: new, re-selected or adopted
        }
        return b;
    }

    private static String typeName(CompiledGroup g) {
        return switch (g.type) {
            case CompiledGroup.TYPE_ALL -> "all";
            case CompiledGroup.TYPE_SELECT -> "select";
            case CompiledGroup.TYPE_INDIRECT -> "indirect";
            default -> "fast_failover";
        };
    }
}
