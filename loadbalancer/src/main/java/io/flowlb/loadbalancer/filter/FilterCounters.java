package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.table.OwnedCounters;

/**
 * The counters of one {@link PacketFilter}: packets per {@link FilterReason} and per
 * {@link Verdict}.
 *
 * <p>Design: fields of the owner thread, incremented with a plain read and write, no atomic and
 * no fence; another thread (metrics export, the agent) reads them without a lock and sees recent,
 * untorn values. See {@link OwnedCounters} for why that holds and why not opaque writes.
 *
 * <p>Thread safety: {@link #count} only from the owning filter's thread; the getters from any thread.
 */
public final class FilterCounters extends OwnedCounters {
    FilterCounters() {
        super(names());
    }

    private static String[] names() {
        String[] n = new String[FilterReason.COUNT + Verdict.COUNT];
        for (int r = 0; r < FilterReason.COUNT; r++) {
            n[r] = FilterReason.name(r);
        }
        for (int v = 0; v < Verdict.COUNT; v++) {
            n[FilterReason.COUNT + v] = "verdict_" + Verdict.name(v);
        }
        return n;
    }

    /** Counts one packet that got {@code verdict} for {@code reason}. */
    void count(int verdict, int reason) {
        increment(reason);
        increment(FilterReason.COUNT + verdict);
    }

    /** Packets that got {@code reason} ({@link FilterReason}). */
    public long reason(int reason) {
        return get(reason);
    }

    /** Packets that got {@code verdict} ({@link Verdict}). */
    public long verdict(int verdict) {
        return get(FilterReason.COUNT + verdict);
    }
}
