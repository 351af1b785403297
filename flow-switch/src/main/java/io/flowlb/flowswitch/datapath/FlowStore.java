package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowRemovedReason;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.Match;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The control side of the flow tables: the installed flows per table with OpenFlow 1.3
 * FLOW_MOD semantics (add with replace and overlap check, modify and delete, strict and not,
 * cookie, out_port and out_group filters), timeouts, and the compiled arrays a snapshot needs.
 *
 * <p>Design: each flow owns a stable counter slot, so a MODIFY keeps its counters and the
 * pollers' counter arrays are indexed without indirection. Fresh slots are used before freed
 * ones, and freed ones oldest first, which keeps a poller still on an old snapshot from
 * counting into a just-reused slot.
 *
 * <p>Thread safety: owned by the control thread.
 */
final class FlowStore {

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
    private final List<List<FlowEntry>> tables = new ArrayList<>();
    private final Classifier[] classifiers;
    private final boolean[] dirty;
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private int nextSlot;
    private CompiledFlow[] bySlot = new CompiledFlow[16];
    private int size;

    FlowStore(int tableCount, int maxFlows, CounterReader counters) {
        this.tableCount = tableCount;
        this.maxFlows = maxFlows;
        this.counters = counters;
        this.classifiers = new Classifier[tableCount];
        this.dirty = new boolean[tableCount];
        for (int t = 0; t < tableCount; t++) {
            tables.add(new ArrayList<>());
            classifiers[t] = Classifier.EMPTY;
        }
    }

    int size() {
        return size;
    }

    List<FlowEntry> table(int tableId) {
        return tables.get(tableId);
    }

    /** ADD: replaces a flow of equal match and priority (keeping its counters unless RESET_COUNTS). */
    DatapathError add(FlowSpec spec, long now, IntUnaryOperator groupSlots) {
        if (spec.tableId() < 0 || spec.tableId() >= tableCount) {
            return DatapathError.BAD_TABLE_ID;
        }
        List<FlowEntry> table = tables.get(spec.tableId());
        FlowEntry same = null;
        for (FlowEntry e : table) {
            if (e.spec.priority() == spec.priority()) {
                if (e.spec.match().equals(spec.match())) {
                    same = e;
                }
                if (spec.flags().contains(FlowFlag.CHECK_OVERLAP) && e.spec.match().overlaps(spec.match())) {
                    return DatapathError.OVERLAP;
                }
            }
        }
        if (same == null && size >= maxFlows) {
            return DatapathError.TABLE_FULL;
        }
        int slot = same != null ? same.slot : peekSlot();
        FlowCompiler.Result r = FlowCompiler.compile(spec, slot, tableCount, groupSlots);
        if (r.error().isError()) {
            return r.error();
        }
        if (same != null) {
            same.spec = spec;
            same.compiled = r.flow();
            same.installedNanos = now;
            if (spec.flags().contains(FlowFlag.RESET_COUNTS)) {
                resetCounters(same);
            }
            install(same);
        } else {
            takeSlot(slot);
            FlowEntry e = new FlowEntry(slot, spec, r.flow(), now);
            resetCounters(e);
            table.add(e);
            size++;
            install(e);
        }
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
                mod.cookieMask(), io.flowlb.flowswitch.datapath.spec.PortNumbers.ANY,
                io.flowlb.flowswitch.datapath.spec.GroupSpec.ANY);
        List<CompiledFlow> compiled = new ArrayList<>(hits.size());
        for (FlowEntry e : hits) {
            FlowSpec next = e.spec.withInstructions(req.instructions());
            FlowCompiler.Result r = FlowCompiler.compile(next, e.slot, tableCount, groupSlots);
            if (r.error().isError()) {
                return r.error();
            }
            compiled.add(r.flow());
        }
        for (int i = 0; i < hits.size(); i++) {
            FlowEntry e = hits.get(i);
            e.spec = e.spec.withInstructions(req.instructions());
            e.compiled = compiled.get(i);
            if (req.flags().contains(FlowFlag.RESET_COUNTS)) {
                resetCounters(e);
            }
            install(e);
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
        for (List<FlowEntry> t : tables) {
            for (FlowEntry e : t) {
                if (e.usesGroup(groupId)) {
                    hits.add(e);
                }
            }
        }
        return remove(hits, FlowRemovedReason.GROUP_DELETE);
    }

    /** Removes the flows whose hard or idle timeout passed at {@code now}. */
    List<Removal> expire(long now) {
        List<Removal> out = new ArrayList<>();
        for (List<FlowEntry> t : tables) {
            for (FlowEntry e : t) {
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

    /** The flows by slot for a new snapshot (a fresh copy: the old snapshot keeps its own). */
    CompiledFlow[] flowsBySlot() {
        return Arrays.copyOf(bySlot, nextSlot);
    }

    /** The classifiers for a new snapshot, rebuilding the tables that changed. */
    Classifier[] classifiers() {
        for (int t = 0; t < tableCount; t++) {
            if (dirty[t]) {
                List<CompiledFlow> flows = new ArrayList<>(tables.get(t).size());
                for (FlowEntry e : tables.get(t)) {
                    flows.add(e.compiled);
                }
                classifiers[t] = Classifier.build(flows);
                dirty[t] = false;
            }
        }
        return classifiers.clone();
    }

    private List<FlowEntry> select(int tableId, Match match, int priority, boolean strict, long cookie,
            long cookieMask, int outPort, int outGroup) {
        List<FlowEntry> out = new ArrayList<>();
        for (int t = 0; t < tableCount; t++) {
            if (tableId != FlowMod.ALL_TABLES && tableId != t) {
                continue;
            }
            for (FlowEntry e : tables.get(t)) {
                boolean matchOk = strict
                        ? e.spec.priority() == priority && e.spec.match().equals(match)
                        : e.spec.match().isCoveredBy(match);
                if (matchOk && e.cookieMatches(cookie, cookieMask) && e.outputsTo(outPort) && e.usesGroup(outGroup)) {
                    out.add(e);
                }
            }
        }
        return out;
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
        tables.get(e.spec.tableId()).remove(e);
        dirty[e.spec.tableId()] = true;
        bySlot[e.slot] = null;
        freeSlots.addLast(e.slot);
        size--;
    }

    private void install(FlowEntry e) {
        if (e.slot >= bySlot.length) {
            bySlot = Arrays.copyOf(bySlot, Math.max(bySlot.length * 2, e.slot + 1));
        }
        bySlot[e.slot] = e.compiled;
        dirty[e.spec.tableId()] = true;
    }

    private void resetCounters(FlowEntry e) {
        e.baselinePackets = counters.packets(e.slot);
        e.baselineBytes = counters.bytes(e.slot);
    }

    /** Fresh slots first, then the slot freed longest ago. */
    private int peekSlot() {
        return nextSlot < maxFlows ? nextSlot : freeSlots.peekFirst();
    }

    private void takeSlot(int slot) {
        if (slot == nextSlot) {
            nextSlot++;
        } else {
            freeSlots.pollFirst();
        }
    }
}
