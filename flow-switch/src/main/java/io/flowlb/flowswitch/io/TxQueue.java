package io.flowlb.flowswitch.io;

import java.lang.foreign.MemorySegment;

/**
 * The transmit side of one port for one thread: each poller (and the OpenFlow agent thread,
 * for PACKET_OUT) opens its own queue per port, so any thread transmits on any port without
 * locks.
 *
 * <p>Thread safety: a queue belongs to the thread that opened it.
 */
public interface TxQueue {

    /** The OpenFlow port number this queue transmits on. */
    int portNo();

    /**
     * Copies the frame into the next free transmit slot. Returns false (and counts a drop)
     * when the ring is full or the port is down; never blocks.
     */
    boolean send(MemorySegment frame, long offset, int length);

    /** Hands queued frames to the kernel: called once at the end of each burst. */
    void flush();
}
