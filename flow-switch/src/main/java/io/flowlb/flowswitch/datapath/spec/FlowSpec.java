package io.flowlb.flowswitch.datapath.spec;

import java.util.List;
import java.util.Set;

/**
 * One flow entry as a controller describes it.
 *
 * @param tableId the table (0 is where every packet starts)
 * @param priority 0..65535; higher wins; priority 0 with an empty match is the table-miss flow
 * @param match the match
 * @param instructions at most one of each kind, in any order (executed in OpenFlow order)
 * @param cookie opaque controller value, filtered by cookie masks
 * @param idleTimeout seconds without a packet before removal, 0 = never
 * @param hardTimeout seconds after installation before removal, 0 = never
 * @param flags flow-mod flags
 *
 * <p>Thread safety: immutable.
 */
public record FlowSpec(int tableId, int priority, Match match, List<Instruction> instructions, long cookie,
        int idleTimeout, int hardTimeout, Set<FlowFlag> flags) {

    public FlowSpec {
        instructions = List.copyOf(instructions);
        flags = Set.copyOf(flags);
    }

    /** A flow with apply-actions only, no timeouts, no flags: the common case in tests and apps. */
    public static FlowSpec apply(int tableId, int priority, Match match, Action... actions) {
        return new FlowSpec(tableId, priority, match, List.of(new Instruction.ApplyActions(List.of(actions))), 0,
                0, 0, Set.of());
    }

    public FlowSpec withCookie(long newCookie) {
        return new FlowSpec(tableId, priority, match, instructions, newCookie, idleTimeout, hardTimeout, flags);
    }

    public FlowSpec withTimeouts(int idle, int hard) {
        return new FlowSpec(tableId, priority, match, instructions, cookie, idle, hard, flags);
    }

    public FlowSpec withFlags(Set<FlowFlag> newFlags) {
        return new FlowSpec(tableId, priority, match, instructions, cookie, idleTimeout, hardTimeout, newFlags);
    }

    public FlowSpec withInstructions(List<Instruction> newInstructions) {
        return new FlowSpec(tableId, priority, match, newInstructions, cookie, idleTimeout, hardTimeout, flags);
    }

    /** The instructions followed by a goto, for multi-table pipelines in tests and apps. */
    public static List<Instruction> applyThenGoto(int nextTable, Action... actions) {
        return List.of(new Instruction.ApplyActions(List.of(actions)), new Instruction.GotoTable(nextTable));
    }
}
