package io.flowlb.flowswitch.datapath;

/**
 * One flow as the pollers see it: the match's mask as key-shaped words (the masked value lives
 * in its subtable's slot only; the control side derives it from the spec when it needs it), the
 * compiled instructions, and the stable slot that indexes its counters.
 *
 * <p>Thread safety: immutable; built on the control thread, read by pollers through a
 * {@link Snapshot}.
 */
final class CompiledFlow {
    /** Position in {@link Snapshot#flows} and in the pollers' flow counter arrays. */
    final int index;
    final int tableId;
    final int priority;
    final long cookie;
    /** Shared by the flows of one subtable. */
    final long[] mask;
    /** apply-actions (possibly {@link Program#EMPTY}). */
    final Program apply;
    /** write-actions with action-set slots, or null. */
    final Program write;
    final boolean clearActions;
    /** The next table, or -1 when the pipeline ends here. */
    final int gotoTable;
    final boolean writesMetadata;
    final long metadata;
    final long metadataMask;

    CompiledFlow(int index, int tableId, int priority, long cookie, long[] mask, Program apply,
            Program write, boolean clearActions, int gotoTable, boolean writesMetadata, long metadata,
            long metadataMask) {
        this.index = index;
        this.tableId = tableId;
        this.priority = priority;
        this.cookie = cookie;
        this.mask = mask;
        this.apply = apply;
        this.write = write;
        this.clearActions = clearActions;
        this.gotoTable = gotoTable;
        this.writesMetadata = writesMetadata;
        this.metadata = metadata;
        this.metadataMask = metadataMask;
    }

    /** This flow with other (equal) programs: how {@link SharedParts} shares them. */
    CompiledFlow withPrograms(Program newApply, Program newWrite) {
        return new CompiledFlow(index, tableId, priority, cookie, mask, newApply, newWrite, clearActions,
                gotoTable, writesMetadata, metadata, metadataMask);
    }

    /** True when the flow is a table-miss flow (priority 0, empty match). */
    boolean isTableMiss() {
        if (priority != 0) {
            return false;
        }
        for (long m : mask) {
            if (m != 0) {
                return false;
            }
        }
        return true;
    }
}
