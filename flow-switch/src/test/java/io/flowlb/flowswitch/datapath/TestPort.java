package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.PortCounters;
import io.flowlb.flowswitch.io.TxQueue;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** An in-memory port for datapath tests: records what is transmitted (after each flush). */
final class TestPort implements NetPort {
    private final int portNo;
    private final String name;
    private final long hwAddr;
    int mtu = 1500;
    volatile boolean up = true;
    /** When set, the transmit queue refuses frames (a full ring). */
    boolean refuse;
    private final List<byte[]> pending = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final PortCounters counters = new PortCounters();

    TestPort(int portNo) {
        this.portNo = portNo;
        this.name = "p" + portNo;
        this.hwAddr = 0x02_00_00_00_00_00L | portNo;
    }

    @Override
    public int portNo() {
        return portNo;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long hwAddr() {
        return hwAddr;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public boolean linkUp() {
        return up;
    }

    @Override
    public PortCounters counters() {
        return counters;
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
                return portNo;
            }

            @Override
            public boolean send(MemorySegment frame, long offset, int length) {
                if (refuse || !up) {
                    return false;
                }
                pending.add(frame.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
                return true;
            }

            @Override
            public void flush() {
                sent.addAll(pending);
                pending.clear();
            }
        };
    }

    /** The frames transmitted and flushed since the last call. */
    List<byte[]> take() {
        List<byte[]> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }

    @Override
    public void close() {
    }
}
