package io.flowlb.flowswitch.datapath;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The control side of one flow table: its subtables by mask, and the {@link Classifier} of the
 * last publication, rebuilt (as an array of the subtables' current snapshots) only when a flow
 * of the table changed. Rebuilding costs the number of subtables, not of flows: the subtables
 * copy only what changed.
 *
 * <p>Thread safety: owned by the control thread.
 */
final class FlowTable {
    private final Map<WordsKey, SubtableBuilder> subtables = new HashMap<>();
    private final IntFunction<FlowEntry> entryBySlot;
    private Classifier classifier = Classifier.EMPTY;
    private boolean dirty;
    private int size;

    FlowTable(IntFunction<FlowEntry> entryBySlot) {
        this.entryBySlot = entryBySlot;
    }

    int size() {
        return size;
    }

    /** The subtable of a mask, or null when no flow of the table has it. */
    SubtableBuilder subtable(long[] mask) {
        return subtables.get(new WordsKey(mask));
    }

    /**
     * The subtable of a mask, created when missing; a new subtable keeps {@code mask} itself as
     * its {@link SubtableBuilder#fullMask} (shared by its flows), so the caller must not change it.
     */
    SubtableBuilder subtableFor(long[] mask) {
        return subtables.computeIfAbsent(new WordsKey(mask), k -> new SubtableBuilder(k.words(), entryBySlot));
    }

    Collection<SubtableBuilder> subtables() {
        return subtables.values();
    }

    void add(FlowEntry e) {
        e.sub.add(e);
        size++;
        dirty = true;
    }

    void replaced(FlowEntry e, CompiledFlow old) {
        e.sub.replaced(e, old);
        dirty = true;
    }

    void remove(FlowEntry e) {
        e.sub.remove(e);
        if (e.sub.size() == 0) {
            subtables.remove(new WordsKey(e.sub.fullMask));
        }
        size--;
        dirty = true;
    }

    /** The classifier for a new snapshot. */
    Classifier classifier() {
        if (dirty) {
            List<Subtable> subs = new ArrayList<>(subtables.size());
            for (SubtableBuilder b : subtables.values()) {
                subs.add(b.snapshot());
            }
            subs.sort((a, b) -> Integer.compare(b.maxPriority, a.maxPriority));
            classifier = subs.isEmpty() ? Classifier.EMPTY : new Classifier(subs.toArray(new Subtable[0]));
            dirty = false;
        }
        return classifier;
    }
}
