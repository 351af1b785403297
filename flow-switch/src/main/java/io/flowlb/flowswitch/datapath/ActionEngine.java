package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.PacketView;

/**
 * The interpreter of compiled action programs: apply-actions in order (each output emits the
 * frame as it is at that point), the action set at the end of the pipeline, set-field in place
 * with incremental checksums (through the core's {@link PacketView}), VLAN push and pop, TTL
 * decrement, and groups ({@link GroupStage}).
 *
 * <p>Thread safety: owned by one pipeline thread.
 */
final class ActionEngine {
    private final PacketContext ctx;
    private final FrameStack frames;
    private final OutputStage out;
    private final ThreadCounters counters;
    final ActionSet actionSet = new ActionSet();
    GroupStage groups;
    /** Packet-out's output:TABLE: runs the frame through the tables (set by the pipeline). */
    Runnable table;

    ActionEngine(PacketContext ctx, FrameStack frames, OutputStage out, ThreadCounters counters) {
        this.ctx = ctx;
        this.frames = frames;
        this.out = out;
        this.counters = counters;
    }

    /** Runs the instructions of a matched flow (apply, clear, write, metadata). */
    void runFlow(CompiledFlow f) {
        ctx.tableId = f.tableId;
        ctx.cookie = f.cookie;
        if (ctx.trace == null) {
            long[] fc = counters.flows;
            int s = f.index * ThreadCounters.FLOW_STRIDE;
            fc[s + ThreadCounters.FLOW_PACKETS]++;
            fc[s + ThreadCounters.FLOW_BYTES] += ctx.rxLength;
            fc[s + ThreadCounters.FLOW_LAST_HIT] = ctx.now;
        } else { // a trace counts nothing (its pipeline has no flow counters)
            ctx.trace.step(Trace.Kind.FLOW, "table " + f.tableId + " priority " + f.priority + " cookie 0x"
                    + Long.toHexString(f.cookie) + (f.isTableMiss() ? " (table-miss flow)" : ""));
        }
        boolean tail = f.gotoTable < 0 && f.write == null && (f.clearActions || actionSet.isEmpty());
        run(f.apply, 0, tail);
        if (f.clearActions) {
            actionSet.clear();
        }
        if (f.write != null) {
            actionSet.write(f.write);
        }
        if (f.writesMetadata) {
            ctx.metadata = (ctx.metadata & ~f.metadataMask) | f.metadata;
        }
    }

    /** Runs the action set at the end of the pipeline (section 5.10 order). */
    void runActionSet() {
        long filled = actionSet.filled;
        boolean hasGroup = (filled & (1L << ActionSet.SLOT_GROUP)) != 0;
        for (int s = 0; s < ActionSet.SLOTS && !ctx.dropped; s++) {
            if ((filled & (1L << s)) == 0 || (s == ActionSet.SLOT_OUTPUT && hasGroup)) {
                continue;
            }
            exec(actionSet.ops[s], actionSet.args[2 * s], actionSet.args[2 * s + 1], 0,
                    s >= ActionSet.SLOT_GROUP);
        }
        actionSet.clear();
    }

    /** Runs a program on the frame at {@code depth}; {@code tail}: nothing uses the frame after. */
    void run(Program p, int depth, boolean tail) {
        int[] ops = p.ops;
        long[] args = p.args;
        int n = ops.length;
        for (int i = 0; i < n && !ctx.dropped; i++) {
            if (ctx.trace != null) {
                ctx.trace.step(Trace.Kind.ACTION, p.describe(i));
            }
            exec(ops[i], args[2 * i], args[2 * i + 1], depth, tail && i == n - 1);
        }
    }

    private void exec(int op, long a, long b, int depth, boolean tail) {
        PacketView v = frames.view(depth);
        switch (op) {
            case Op.OUTPUT -> out.output((int) a, depth, false);
            case Op.OUTPUT_IN_PORT -> out.output(ctx.inPort, depth, true);
            case Op.FLOOD, Op.ALL -> out.flood(depth);
            case Op.CONTROLLER -> out.controller((int) a, (int) b, depth);
            case Op.TABLE -> table.run();
            case Op.LOCAL -> counters.drops[Drops.LOCAL_PORT]++;
            case Op.GROUP -> groups.run((int) a, depth, tail);
            case Op.PUSH_VLAN -> pushVlan(depth, (int) a);
            case Op.POP_VLAN -> popVlan(depth);
            case Op.DEC_TTL -> decTtl(v);
            default -> setField(v, op, a, b, depth);
        }
    }

    private void setField(PacketView v, int op, long a, long b, int depth) {
        if (!hasField(v, op)) {
            return; // set-field on a packet without that header is a no-op
        }
        switch (op) {
            case Op.SET_ETH_DST -> v.setEthDst(a);
            case Op.SET_ETH_SRC -> v.setEthSrc(a);
            case Op.SET_VLAN_VID -> v.setVlanId((int) a);
            case Op.SET_VLAN_PCP -> v.setVlanPcp((int) a);
            case Op.SET_IP_DSCP -> v.setIpDscp((int) a);
            case Op.SET_IP_ECN -> v.setIpEcn((int) a);
            case Op.SET_IPV4_SRC -> v.setIpv4Src((int) a);
            case Op.SET_IPV4_DST -> v.setIpv4Dst((int) a);
            case Op.SET_IPV6_SRC -> v.setIpv6Src(a, b);
            case Op.SET_IPV6_DST -> v.setIpv6Dst(a, b);
            case Op.SET_TCP_SRC, Op.SET_UDP_SRC -> v.setSrcPort((int) a);
            case Op.SET_TCP_DST, Op.SET_UDP_DST -> v.setDstPort((int) a);
            default -> {
                return;
            }
        }
        if (depth == 0) {
            ctx.keyDirty = true;
        }
    }

    /** Whether the frame has the header a set-field opcode writes. */
    private static boolean hasField(PacketView v, int op) {
        return switch (op) {
            case Op.SET_VLAN_VID, Op.SET_VLAN_PCP -> v.vlanTci() >= 0;
            case Op.SET_IP_DSCP, Op.SET_IP_ECN -> v.ipVersion() != 0;
            case Op.SET_IPV4_SRC, Op.SET_IPV4_DST -> v.ipVersion() == 4;
            case Op.SET_IPV6_SRC, Op.SET_IPV6_DST -> v.ipVersion() == 6;
            case Op.SET_TCP_SRC, Op.SET_TCP_DST -> v.isTcp();
            case Op.SET_UDP_SRC, Op.SET_UDP_DST -> v.isUdp();
            default -> true;
        };
    }

    /** Decrements the IP TTL; a packet whose TTL would reach 0 is dropped and counted. */
    private void decTtl(PacketView v) {
        int ttl = v.ipTtl();
        if (ttl < 0) {
            return;
        }
        if (ttl <= 1) {
            counters.drops[Drops.TTL_EXPIRED]++;
            ctx.dropped = true;
            return;
        }
        v.setIpTtl(ttl - 1);
    }

    /** Pushes a tag; it copies the VID and PCP of an existing outer tag, as OpenFlow asks. */
    private void pushVlan(int depth, int tpid) {
        PacketView v = frames.view(depth);
        int tci = v.vlanTci() < 0 ? 0 : v.vlanTci();
        if (!frames.pushVlan(depth, tpid, tci)) {
            counters.drops[Drops.VLAN_NO_ROOM]++;
            ctx.dropped = true;
            return;
        }
        if (depth == 0) {
            ctx.keyDirty = true;
        }
    }

    private void popVlan(int depth) {
        if (frames.view(depth).vlanTci() < 0) {
            return;
        }
        frames.popVlan(depth);
        if (depth == 0) {
            ctx.keyDirty = true;
        }
    }
}
