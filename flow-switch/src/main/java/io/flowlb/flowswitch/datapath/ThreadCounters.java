package io.flowlb.flowswitch.datapath;

/**
 * The counters one thread (a poller, or the control thread for packet-out) writes: per flow
 * slot, per table, per port, and per drop reason. The control thread reads every thread's
 * arrays and sums them; nobody but the owner writes, so there is no atomic on the hot path.
 *
 * <p>Reads from the control thread may lag a burst behind; 64-bit array elements are written
 * whole on the 64-bit JVMs flow-switch runs on.
 *
 * <p>Thread safety: written by the owning thread only; read by the control thread.
 */
final class ThreadCounters {
    static final int FLOW_STRIDE = 3;
    static final int FLOW_PACKETS = 0;
    static final int FLOW_BYTES = 1;
    static final int FLOW_LAST_HIT = 2;

    static final int PORT_STRIDE = 6;
    static final int RX_PACKETS = 0;
    static final int RX_BYTES = 1;
    static final int TX_PACKETS = 2;
    static final int TX_BYTES = 3;
    static final int RX_DROPPED = 4;
    static final int TX_DROPPED = 5;

    /** {@code slot * FLOW_STRIDE + FLOW_*}. */
    final long[] flows;
    /** {@code table * 2}: lookups, {@code table * 2 + 1}: matches. */
    final long[] tables;
    /** {@code portNo * PORT_STRIDE + *}. */
    final long[] ports;
    final long[] drops = new long[Drops.COUNT];

    ThreadCounters(int maxFlows, int tableCount, int maxPorts) {
        flows = new long[maxFlows * FLOW_STRIDE];
        tables = new long[tableCount * 2];
        ports = new long[maxPorts * PORT_STRIDE];
    }

    void countPort(int portNo, int field, long packets, long bytes) {
        int i = portNo * PORT_STRIDE + field;
        if (portNo > 0 && i + 1 < ports.length) {
            ports[i] += packets;
            ports[i + 1] += bytes;
        }
    }

    void dropPort(int portNo, int field) {
        int i = portNo * PORT_STRIDE + field;
        if (portNo > 0 && i < ports.length) {
            ports[i]++;
        }
    }
}
