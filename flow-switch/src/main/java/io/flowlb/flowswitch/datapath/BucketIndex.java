package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.FlowKey;

/**
 * A fixed map from (zone, backend key), the key of a connection-table entry of a SELECT group,
 * to a dense counter index: open addressing over primitive arrays, built once, then read for
 * every entry a connection count visits.
 *
 * <p>Thread safety: filled by one thread before it is shared; read-only afterwards.
 */
final class BucketIndex {
    private final int[] zones;
    private final long[] keys;
    private final int[] values;
    private final int mask;

    BucketIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        zones = new int[capacity];
        keys = new long[capacity];
        values = new int[capacity];
        java.util.Arrays.fill(values, -1);
        mask = capacity - 1;
    }

    /** Maps (zone, key) to {@code value} (0 or more); an existing mapping is kept. */
    void put(int zone, long key, int value) {
        int i = home(zone, key);
        while (values[i] >= 0) {
            if (zones[i] == zone && keys[i] == key) {
                return;
            }
            i = (i + 1) & mask;
        }
        zones[i] = zone;
        keys[i] = key;
        values[i] = value;
    }

    /** The value of (zone, key), or -1. */
    int get(int zone, long key) {
        int i = home(zone, key);
        while (values[i] >= 0) {
            if (zones[i] == zone && keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private int home(int zone, long key) {
        return (int) FlowKey.mix(key ^ ((long) zone << 32 | (zone & 0xffff_ffffL))) & mask;
    }
}
