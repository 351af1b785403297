package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowRemovedReason;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The control side of the flow tables: the installed flows per table with OpenFlow 1.3
 * FLOW_MOD semantics (add with replace and overlap check, modify and delete, strict and not,
 * cookie, out_port and out_group filters), timeouts, and the structures a snapshot needs.
 *
 * <p>Design: every change is incremental. A flow is found by its mask ({@link FlowTable}'s
 * subtables) and its masked value (the subtable's hash), so adding, replacing or strictly
 * deleting one costs O(1) whatever the table holds; a non-strict selection visits only the
 * subtables whose mask covers the request's (and hashes straight to the value when the masks
 * are equal). Publishing copies only the chunks that changed ({@link SubtableBuilder},
 * {@link FlowSlots}).
 *
 * <p>Each flow owns a stable counter slot, so a MODIFY keeps its counters and the pollers'
 * counter arrays are indexed without indirection. Fresh slots are used before freed ones, freed
 * ones oldest first, and a freed slot is reused only after a publication that no longer holds
 * its flow ({@link #published()}), which keeps a poller still on an old snapshot from counting
 * into a just-reused slot.
 *
 * <p>Equal instruction lists and compiled programs are shared between flows ({@link SharedParts}):
 * per-connection flows differ in their match, not in their few distinct action lists.
 *
 * <p>Timeouts are checked by an incremental sweep over the flows that have one
 * ({@link #expire}): each call checks a bounded share, so a million timed flows cost a bounded
 * slice of the control thread per call rather than a stall.
 *
 * <p>Thread safety: owned by the control thread.
 */
final class FlowStore {
    /** Timed flows checked per {@link #expire} call at least; more when there are many. */
    static final int MIN_SWEEP = 4_096;
    /** {@link #expire} checks at least 1/SWEEP_SHARE of the timed flows per call. */
    static final int SWEEP_SHARE = 10;

    /** Reads the pollers' counters of a flow slot (summed over pollers). */
    interface CounterReader {
        long packets(int slot);

        long bytes(int slot);

        /** The newest time any poller matched the slot (0 = never). */
        long lastHit(int slot);
    }

    /** A flow that left its table and why. */
    record Removal(FlowEntry entry, FlowRemovedReason reason) {
    }

    private final int tableCount;
    private final int maxFlows;
    private final CounterReader counters;
    private final FlowTable[] tables;
    private final FlowSlots slots = new FlowSlots();
    private final SharedParts shared = new SharedParts();
    private final List<FlowEntry> timed = new ArrayList<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private final List<Integer> released = new ArrayList<>();
    private FlowEntry[] entries = new FlowEntry[16];
    private int nextSlot;
    private int size;
    private int sweepCursor;

    FlowStore(int tableCount, int maxFlows, CounterReader counters) {
        this.tableCount = tableCount;
        this.maxFlows = maxFlows;
        this.counters = counters;
        this.tables = new FlowTable[tableCount];
        for (int t = 0; t < tableCount; t++) {
            tables[t] = new FlowTable(s -> entries[s]);
        }
    }

    int size() {
        return size;
    }

    int tableSize(int tableId) {
        return tables[tableId].size();
    }

    /** True when an ADD of a new flow can get a slot only after a publication frees one. */
    boolean slotsAwaitPublication() {
        return nextSlot >= maxFlows && freeSlots.isEmpty() && !released.isEmpty();
    }

    /** ADD: replaces a flow of equal match and priority (keeping its counters unless RESET_COUNTS). */
    DatapathError add(FlowSpec spec, long now, IntUnaryOperator groupSlots) {
        if (spec.tableId() < 0 || spec.tableId() >= tableCount) {
            return DatapathError.BAD_TABLE_ID;
        }
        FlowTable table = tables[spec.tableId()];
        long[][] vm = FlowCompiler.encode(spec.match());
        SubtableBuilder sub = table.subtable(vm[1]);
        FlowEntry same = sub == null ? null : sub.find(vm[0], spec.priority(), spec.match());
        if (spec.flags().contains(FlowFlag.CHECK_OVERLAP) && overlaps(table, spec)) {
            return DatapathError.OVERLAP;
        }
        if (same == null && (size >= maxFlows || (nextSlot >= maxFlows && freeSlots.isEmpty()))) {
            return DatapathError.TABLE_FULL;
        }
        int slot = same != null ? same.slot : nextSlot < maxFlows ? nextSlot : freeSlots.peekFirst();
        FlowCompiler.Result r = FlowCompiler.compile(spec, slot, tableCount, groupSlots,
                sub != null ? sub.fullMask : vm[1]);
        if (r.error().isError()) {
            return r.error();
        }
        FlowSpec sharedSpec = spec.withInstructions(shared.acquire(spec.instructions()));
        CompiledFlow flow = shared.acquire(r.flow());
        if (same != null) {
            CompiledFlow old = same.compiled;
            shared.release(same.spec.instructions(), old);
            same.spec = sharedSpec;
            same.compiled = flow;
            same.installedNanos = now;
            if (spec.flags().contains(FlowFlag.RESET_COUNTS)) {
                resetCounters(same);
            }
            slots.set(slot, flow);
            table.replaced(same, old);
            track(same);
            return DatapathError.NONE;
        }
        if (slot == nextSlot) {
            nextSlot++;
        } else {
            freeSlots.pollFirst();
        }
        FlowEntry e = new FlowEntry(slot, sharedSpec, flow, now);
        e.sub = sub != null ? sub : table.subtableFor(vm[1]);
        resetCounters(e);
        if (slot >= entries.length) {
            entries = Arrays.copyOf(entries, Math.min(Math.max(entries.length * 2, slot + 1), maxFlows));
        }
        entries[slot] = e;
        slots.set(slot, flow);
        table.add(e);
        size++;
        track(e);
        return DatapathError.NONE;
    }

    /** MODIFY and MODIFY_STRICT: new instructions for the flows selected; nothing is added. */
    DatapathError modify(FlowMod mod, IntUnaryOperator groupSlots) {
        FlowSpec req = mod.spec();
        if (req.tableId() == FlowMod.ALL_TABLES || req.tableId() < 0 || req.tableId() >= tableCount) {
            return DatapathError.BAD_TABLE_ID;
        }
        DatapathError check = req.match().check();
        if (check.isError()) {
            return check;
        }
        boolean strict = mod.command() == FlowModCommand.MODIFY_STRICT;
        List<FlowEntry> hits = select(req.tableId(), req.match(), req.priority(), strict, req.cookie(),
                mod.cookieMask(), PortNumbers.ANY, GroupSpec.ANY);
        List<CompiledFlow> compiled = new ArrayList<>(hits.size());
        for (FlowEntry e : hits) {
            FlowSpec next = e.spec.withInstructions(req.instructions());
            FlowCompiler.Result r = FlowCompiler.compile(next, e.slot, tableCount, groupSlots, e.compiled.mask);
            if (r.error().isError()) {
                return r.error();
            }
            compiled.add(r.flow());
        }
        for (int i = 0; i < hits.size(); i++) {
            FlowEntry e = hits.get(i);
            CompiledFlow old = e.compiled;
            List<Instruction> instructions = shared.acquire(req.instructions());
            CompiledFlow flow = shared.acquire(compiled.get(i));
            shared.release(e.spec.instructions(), old);
            e.spec = e.spec.withInstructions(instructions);
            e.compiled = flow;
            if (req.flags().contains(FlowFlag.RESET_COUNTS)) {
                resetCounters(e);
            }
            slots.set(e.slot, e.compiled);
            tables[e.spec.tableId()].replaced(e, old);
        }
        return DatapathError.NONE;
    }

    /** DELETE and DELETE_STRICT; returns the removed flows. */
    List<Removal> delete(FlowMod mod) {
        FlowSpec req = mod.spec();
        boolean strict = mod.command() == FlowModCommand.DELETE_STRICT;
        List<FlowEntry> hits = select(req.tableId(), req.match(), req.priority(), strict, req.cookie(),
                mod.cookieMask(), mod.outPort(), mod.outGroup());
        return remove(hits, FlowRemovedReason.DELETE);
    }

    /** Removes every flow with a group action to {@code groupId} (the group was deleted). */
    List<Removal> deleteUsingGroup(int groupId) {
        List<FlowEntry> hits = new ArrayList<>();
        for (FlowTable t : tables) {
            for (SubtableBuilder sub : t.subtables()) {
                for (FlowEntry e : sub.members) {
                    if (e.usesGroup(groupId)) {
                        hits.add(e);
                    }
                }
            }
        }
        return remove(hits, FlowRemovedReason.GROUP_DELETE);
    }

    /**
     * Removes the flows whose hard or idle timeout passed at {@code now}, among the next
     * {@code max(MIN_SWEEP, timed / SWEEP_SHARE)} flows with a timeout (a sweep that wraps around).
     */
    List<Removal> expire(long now) {
        List<Removal> out = new ArrayList<>();
        int budget = Math.min(timed.size(), Math.max(MIN_SWEEP, timed.size() / SWEEP_SHARE));
        for (int i = 0; i < budget; i++) {
            if (sweepCursor >= timed.size()) {
                sweepCursor = 0;
            }
            FlowEntry e = timed.get(sweepCursor++);
            FlowSpec s = e.spec;
            if (s.hardTimeout() > 0 && now - e.installedNanos >= s.hardTimeout() * 1_000_000_000L) {
                out.add(new Removal(e, FlowRemovedReason.HARD_TIMEOUT));
            } else if (s.idleTimeout() > 0) {
                long used = Math.max(e.installedNanos, counters.lastHit(e.slot));
                if (now - used >= s.idleTimeout() * 1_000_000_000L) {
                    out.add(new Removal(e, FlowRemovedReason.IDLE_TIMEOUT));
                }
            }
        }
        for (Removal r : out) {
            unlink(r.entry());
        }
        return out;
    }

    /** The flows a statistics request selects (non-strict match, cookie and out filters). */
    List<FlowEntry> select(FlowStatsRequest req) {
        return select(req.tableId(), req.match(), -1, false, req.cookie(), req.cookieMask(), req.outPort(),
                req.outGroup());
    }

    long packets(FlowEntry e) {
        return counters.packets(e.slot) - e.baselinePackets;
    }

    long bytes(FlowEntry e) {
        return counters.bytes(e.slot) - e.baselineBytes;
    }

    /** The flows by slot for a new snapshot (chunks shared with the previous one where unchanged). */
    CompiledFlow[][] flowsBySlot() {
        return slots.publish();
    }

    /** The classifiers for a new snapshot (a table that did not change keeps its classifier). */
    Classifier[] classifiers() {
        Classifier[] out = new Classifier[tableCount];
        for (int t = 0; t < tableCount; t++) {
            out[t] = tables[t].classifier();
        }
        return out;
    }

    /** A snapshot without the flows removed so far is active: their slots may be reused. */
    void published() {
        freeSlots.addAll(released);
        released.clear();
    }

    private List<FlowEntry> select(int tableId, Match match, int priority, boolean strict, long cookie,
            long cookieMask, int outPort, int outGroup) {
        long[][] vm = FlowCompiler.encode(match);
        List<FlowEntry> candidates = new ArrayList<>();
        for (int t = 0; t < tableCount; t++) {
            if (tableId != FlowMod.ALL_TABLES && tableId != t) {
                continue;
            }
            if (strict) {
                SubtableBuilder sub = tables[t].subtable(vm[1]);
                FlowEntry e = sub == null ? null : sub.find(vm[0], priority, match);
                if (e != null) {
                    candidates.add(e);
                }
                continue;
            }
            for (SubtableBuilder sub : tables[t].subtables()) {
                collectCovered(sub, vm[0], vm[1], candidates);
            }
        }
        List<FlowEntry> out = new ArrayList<>(candidates.size());
        for (FlowEntry e : candidates) {
            if ((strict || e.spec.match().isCoveredBy(match)) && e.cookieMatches(cookie, cookieMask)
                    && e.outputsTo(outPort) && e.usesGroup(outGroup)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Adds the flows of {@code sub} that a request of this (value, mask) may cover: none unless
     * the subtable's mask includes the request's; a hash probe when the masks are equal.
     */
    private static void collectCovered(SubtableBuilder sub, long[] value, long[] mask, List<FlowEntry> out) {
        long[] m = sub.fullMask;
        for (int w = 0; w < m.length; w++) {
            if ((mask[w] & ~m[w]) != 0) {
                return;
            }
        }
        if (Arrays.equals(m, mask)) {
            sub.collectEqual(value, out);
            return;
        }
        for (FlowEntry e : sub.members) {
            long[] v = FlowCompiler.encode(e.spec.match())[0];
            boolean same = true;
            for (int w = 0; w < v.length && same; w++) {
                same = (v[w] & mask[w]) == value[w];
            }
            if (same) {
                out.add(e);
            }
        }
    }

    /** Whether a flow of the spec's priority in the table could match a packet the spec matches. */
    private static boolean overlaps(FlowTable table, FlowSpec spec) {
        for (SubtableBuilder sub : table.subtables()) {
            for (FlowEntry e : sub.members) {
                if (e.spec.priority() == spec.priority() && e.spec.match().overlaps(spec.match())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Removal> remove(List<FlowEntry> hits, FlowRemovedReason reason) {
        List<Removal> out = new ArrayList<>(hits.size());
        for (FlowEntry e : hits) {
            unlink(e);
            out.add(new Removal(e, reason));
        }
        return out;
    }

    private void unlink(FlowEntry e) {
        tables[e.spec.tableId()].remove(e);
        untrack(e);
        entries[e.slot] = null;
        slots.set(e.slot, null);
        shared.release(e.spec.instructions(), e.compiled);
        released.add(e.slot);
        size--;
    }

    /** Keeps the list of timed flows in step with the flow's spec. */
    private void track(FlowEntry e) {
        boolean hasTimeout = e.spec.idleTimeout() > 0 || e.spec.hardTimeout() > 0;
        if (hasTimeout && e.timedPos < 0) {
            e.timedPos = timed.size();
            timed.add(e);
        } else if (!hasTimeout) {
            untrack(e);
        }
    }

    private void untrack(FlowEntry e) {
        if (e.timedPos < 0) {
            return;
        }
        FlowEntry last = timed.remove(timed.size() - 1);
        if (last != e) {
            timed.set(e.timedPos, last);
            last.timedPos = e.timedPos;
        }
        e.timedPos = -1;
    }

    private void resetCounters(FlowEntry e) {
        e.baselinePackets = counters.packets(e.slot);
        e.baselineBytes = counters.bytes(e.slot);
    }
}
