package io.flowlb.controller.lb.install;

import java.util.List;

/**
 * One flow the load balancer wants on a switch: where it sits ({@link #slot()}: table, priority,
 * match, which is how OpenFlow identifies a flow) and what it does.
 *
 * @param table the flow table
 * @param priority the priority, from {@link LbPriority}
 * @param match what it matches
 * @param actions what it does, in order; empty drops
 * @param cookie the full 64-bit cookie ({@link LbCookie})
 * @param idleTimeout seconds, 0 for none
 *
 * <p>Thread safety: immutable.
 */
public record FlowSpec(int table, int priority, LbMatch match, List<LbAction> actions, long cookie, int idleTimeout) {

    public FlowSpec {
        actions = List.copyOf(actions);
        for (int i = 0; i < actions.size() - 1; i++) {
            if (actions.get(i) instanceof LbAction.GotoTable) {
                throw new IllegalArgumentException("goto_table must be the last action of a flow: " + actions);
            }
        }
    }

    /** A permanent flow in table 0. */
    public static FlowSpec of(int priority, LbMatch match, List<LbAction> actions, long cookie) {
        return new FlowSpec(0, priority, match, actions, cookie, 0);
    }

    public Slot slot() {
        return new Slot(table, priority, match);
    }

    /** Where a flow sits: two flows with the same slot are the same flow to OpenFlow. */
    public record Slot(int table, int priority, LbMatch match) {
    }

    @Override
    public String toString() {
        return "table=" + table + ",priority=" + priority + "," + match + " actions=" + actions;
    }
}
