package io.flowlb.bench;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.PortCounters;
import io.flowlb.flowswitch.io.TxQueue;
import java.lang.foreign.MemorySegment;

/**
 * A datapath port for benchmarks: it never receives, and its transmit queue accepts and discards
 * every frame.
 *
 * <p>Thread safety: immutable apart from its counters, which belong to the one poller using it.
 */
final class DropPort implements NetPort {
    private final int no;
    private final PortCounters counters = new PortCounters();

    DropPort(int no) {
        this.no = no;
    }

    @Override
    public PortCounters counters() {
        return counters;
    }

    @Override
    public int portNo() {
        return no;
    }

    @Override
    public String name() {
        return "bench" + no;
    }

    @Override
    public long hwAddr() {
        return 0x02_00_00_00_00_00L | no;
    }

    @Override
    public int mtu() {
        return 1500;
    }

    @Override
    public boolean linkUp() {
        return true;
    }

    @Override
    public int poll(FrameHandler handler, int maxFrames) {
        return 0;
    }

    @Override
    public TxQueue openTxQueue() {
        return new TxQueue() {
            @Override
            public int portNo() {
                return no;
            }

            @Override
            public boolean send(MemorySegment frame, long offset, int length) {
                return true;
            }

            @Override
            public void flush() {
            }
        };
    }

    @Override
    public void close() {
    }
}
