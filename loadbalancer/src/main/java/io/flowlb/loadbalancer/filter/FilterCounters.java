package io.flowlb.loadbalancer.filter;

/**
 * The counters of one {@link PacketFilter}: packets per {@link FilterReason} and per
 * {@link Verdict}.
 *
 * <p>Design: plain {@code long} fields of the owner thread, incremented with a plain read and
 * write: no atomic, no fence, no VarHandle on the per-packet path. Another thread (metrics export,
 * the agent) reads them racily: it may see a value a little behind, never a torn one (a
 * {@code long} array element is read and written whole on the 64-bit JVMs flowlb runs on).
 *
 * <p>Thread safety: {@link #count} only from the owning filter's thread; the getters from any thread.
 */
public final class FilterCounters {
    private final long[] values = new long[FilterReason.COUNT + Verdict.COUNT];

    FilterCounters() {
    }

    /** Counts one packet that got {@code verdict} for {@code reason}. */
    void count(int verdict, int reason) {
        values[reason]++;
        values[FilterReason.COUNT + verdict]++;
    }

    /** Packets that got {@code reason} ({@link FilterReason}). */
    public long reason(int reason) {
        return values[reason];
    }

    /** Packets that got {@code verdict} ({@link Verdict}). */
    public long verdict(int verdict) {
        return values[FilterReason.COUNT + verdict];
    }

    /** The number of counters: every reason, then every verdict. */
    public int count() {
        return values.length;
    }

    /** The i-th counter's name: a {@link FilterReason#name} or {@code verdict_} and a {@link Verdict#name}. */
    public String name(int i) {
        return i < FilterReason.COUNT ? FilterReason.name(i) : "verdict_" + Verdict.name(i - FilterReason.COUNT);
    }

    /** The i-th counter's value. */
    public long get(int i) {
        return values[i];
    }
}
