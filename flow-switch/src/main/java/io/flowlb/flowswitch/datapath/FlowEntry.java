package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.List;
import java.util.function.Predicate;

/**
 * The control side of one installed flow: its spec as the controller sent it, its compiled
 * form, its counter slot and the counter values at installation (counters are read as the
 * pollers' sums minus this baseline, so a reused slot starts from zero).
 *
 * <p>Thread safety: owned by the control thread.
 */
final class FlowEntry {
    final int slot;
    FlowSpec spec;
    CompiledFlow compiled;
    long installedNanos;
    long baselinePackets;
    long baselineBytes;
    /** The subtable holding the flow, and its position in the subtable's members. */
    SubtableBuilder sub;
    int pos;
    /** Its position in the list of flows with a timeout, or -1. */
    int timedPos = -1;

    FlowEntry(int slot, FlowSpec spec, CompiledFlow compiled, long installedNanos) {
        this.slot = slot;
        this.spec = spec;
        this.compiled = compiled;
        this.installedNanos = installedNanos;
    }

    boolean sendFlowRemoved() {
        return spec.flags().contains(FlowFlag.SEND_FLOW_REM);
    }

    /** The out_port filter of deletes and statistics: an output action to {@code port}. */
    boolean outputsTo(int port) {
        return port == PortNumbers.ANY || anyAction(a -> a instanceof Action.Output o && o.port() == port);
    }

    /** The out_group filter: a group action to {@code groupId}. */
    boolean usesGroup(int groupId) {
        return groupId == GroupSpec.ANY || anyAction(a -> a instanceof Action.Group g && g.groupId() == groupId);
    }

    /** Whether an apply- or write-actions instruction holds an action {@code test} accepts. */
    private boolean anyAction(Predicate<Action> test) {
        for (Instruction i : spec.instructions()) {
            List<Action> actions = i instanceof Instruction.ApplyActions a ? a.actions()
                    : i instanceof Instruction.WriteActions w ? w.actions() : List.of();
            for (Action a : actions) {
                if (test.test(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean cookieMatches(long cookie, long cookieMask) {
        return ((spec.cookie() ^ cookie) & cookieMask) == 0;
    }
}
