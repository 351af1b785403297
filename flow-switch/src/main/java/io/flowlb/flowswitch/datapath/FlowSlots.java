package io.flowlb.flowswitch.datapath;

/**
 * The compiled flows by counter slot, as a snapshot publishes them: chunks of
 * {@link #CHUNK} slots, copied on write once per publication (the first change to a chunk after
 * a publication copies it; the untouched chunks are shared with the previous snapshot). A
 * microflow-cache hit names a flow by slot and reads it here.
 *
 * <p>Thread safety: {@link #set} and {@link #publish} on the control thread; the arrays
 * {@link #publish} returns are never written again and may be read by any thread.
 */
final class FlowSlots {
    static final int CHUNK_BITS = 10;
    static final int CHUNK = 1 << CHUNK_BITS;

    private CompiledFlow[][] chunks = new CompiledFlow[0][];
    private int[] chunkEpoch = new int[0];
    private int epoch = 1;
    private boolean rootShared;

    /** Sets (or clears, with null) the flow of a slot for the next publication. */
    void set(int slot, CompiledFlow f) {
        int c = slot >>> CHUNK_BITS;
        if (c >= chunks.length) {
            int n = Math.max(c + 1, chunks.length * 2);
            chunks = java.util.Arrays.copyOf(chunks, n);
            chunkEpoch = java.util.Arrays.copyOf(chunkEpoch, n);
            rootShared = false;
        } else if (rootShared) {
            chunks = chunks.clone();
            rootShared = false;
        }
        if (chunks[c] == null) {
            chunks[c] = new CompiledFlow[CHUNK];
            chunkEpoch[c] = epoch;
        } else if (chunkEpoch[c] != epoch) {
            chunks[c] = chunks[c].clone();
            chunkEpoch[c] = epoch;
        }
        chunks[c][slot & (CHUNK - 1)] = f;
    }

    /** The chunks as they are now; later {@link #set}s copy what they change. */
    CompiledFlow[][] publish() {
        if (!rootShared) {
            rootShared = true;
            epoch++;
        }
        return chunks;
    }

    /** The flow of a slot in published chunks (a slot never set reads null). */
    static CompiledFlow get(CompiledFlow[][] chunks, int slot) {
        int c = slot >>> CHUNK_BITS;
        CompiledFlow[] chunk = c < chunks.length ? chunks[c] : null;
        return chunk == null ? null : chunk[slot & (CHUNK - 1)];
    }
}
