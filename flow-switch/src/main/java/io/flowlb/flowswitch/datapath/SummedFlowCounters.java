package io.flowlb.flowswitch.datapath;

import java.util.List;

/**
 * Flow counters as the control thread reads them: the sum of the first {@code threads} threads'
 * arrays (pollers and the packet-out pipeline; the trace pipeline is left out).
 *
 * <p>Thread safety: read-only view, used by the control thread.
 */
final class SummedFlowCounters implements FlowStore.CounterReader {
    private final List<ThreadCounters> counters;
    private final int threads;

    SummedFlowCounters(List<ThreadCounters> counters, int threads) {
        this.counters = counters;
        this.threads = threads;
    }

    @Override
    public long packets(int slot) {
        return sum(slot * ThreadCounters.FLOW_STRIDE + ThreadCounters.FLOW_PACKETS);
    }

    @Override
    public long bytes(int slot) {
        return sum(slot * ThreadCounters.FLOW_STRIDE + ThreadCounters.FLOW_BYTES);
    }

    @Override
    public long lastHit(int slot) {
        long max = 0;
        int i = slot * ThreadCounters.FLOW_STRIDE + ThreadCounters.FLOW_LAST_HIT;
        for (int t = 0; t < threads; t++) {
            long v = counters.get(t).flows[i];
            if (v != 0 && (max == 0 || v - max > 0)) {
                max = v;
            }
        }
        return max;
    }

    private long sum(int index) {
        long s = 0;
        for (int t = 0; t < threads; t++) {
            s += counters.get(t).flows[index];
        }
        return s;
    }
}
