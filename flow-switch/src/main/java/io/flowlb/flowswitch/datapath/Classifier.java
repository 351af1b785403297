package io.flowlb.flowswitch.datapath;

/**
 * One flow table's wildcard lookup: tuple-space search, as in Open vSwitch. Flows are grouped
 * by mask; each distinct mask gets a {@link Subtable}, an open-addressing hash of the masked key
 * words. A lookup probes the subtables in order of their highest priority and stops as soon as
 * no remaining subtable can beat the best match so far, so a table of a thousand flows that
 * share a handful of masks costs a handful of hash probes.
 *
 * <p>A new classifier is an array of the subtables' current snapshots ({@link FlowTable}): the
 * subtables no change touched are the very objects of the previous classifier.
 *
 * <p>Thread safety: immutable (built on the control thread, published in a {@link Snapshot});
 * {@link #lookup} is safe from any number of pollers and allocates nothing.
 */
final class Classifier {
    static final Classifier EMPTY = new Classifier(new Subtable[0]);

    private final Subtable[] subtables;

    /** @param subtables highest {@link Subtable#maxPriority} first */
    Classifier(Subtable[] subtables) {
        this.subtables = subtables;
    }

    /** The highest-priority flow matching {@code key}, or null when none matches. */
    CompiledFlow lookup(long[] key) {
        CompiledFlow best = null;
        int bestPriority = -1;
        for (Subtable st : subtables) {
            if (st.maxPriority <= bestPriority) {
                break;
            }
            CompiledFlow f = st.find(key);
            if (f != null && f.priority > bestPriority) {
                best = f;
                bestPriority = f.priority;
            }
        }
        return best;
    }

    int subtableCount() {
        return subtables.length;
    }
}
