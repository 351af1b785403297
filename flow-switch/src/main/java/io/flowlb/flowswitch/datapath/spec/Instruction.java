package io.flowlb.flowswitch.datapath.spec;

import java.util.List;

/**
 * One OpenFlow 1.3 instruction of a flow.
 *
 * <p>Thread safety: immutable.
 */
public sealed interface Instruction {

    /** Apply these actions now, in order. */
    record ApplyActions(List<Action> actions) implements Instruction {
        public ApplyActions {
            actions = List.copyOf(actions);
        }
    }

    /** Merge these actions into the action set (one action per type, one set-field per field). */
    record WriteActions(List<Action> actions) implements Instruction {
        public WriteActions {
            actions = List.copyOf(actions);
        }
    }

    /** Empty the action set. */
    record ClearActions() implements Instruction {
    }

    /** Continue in a later table. */
    record GotoTable(int tableId) implements Instruction {
    }

    /** Set the metadata bits selected by {@code mask}. */
    record WriteMetadata(long metadata, long mask) implements Instruction {
    }
}
