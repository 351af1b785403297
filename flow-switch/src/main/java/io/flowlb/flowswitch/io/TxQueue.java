package io.flowlb.flowswitch.io;

import java.lang.foreign.MemorySegment;

/**
 * The transmit side of one port for one thread: each poller (and the OpenFlow agent thread,
 * for PACKET_OUT) opens its own queue per port, so any thread transmits on any port without
 * locks.
 *
 * <p>Thread safety: a queue belongs to one thread at a time: the one that opened it, or one it
 * was handed to with a happens-before edge (such as {@code Thread.start}).
 */
public interface TxQueue {

    /** The OpenFlow port number this queue transmits on. */
    int portNo();

    /**
     * Copies the frame into the next free transmit slot. Returns false (and counts a drop)
     * when the ring is full, the port is down, or the frame is longer than the port's MTU plus
     * its Ethernet header (and one VLAN tag when the frame carries one): segmenting super-frames
     * is the caller's job, using {@link NetPort#mtu()}. Never blocks. The frame is sent at the
     * next {@link #flush()}.
     */
    boolean send(MemorySegment frame, long offset, int length);

    /** Hands queued frames to the kernel: called once at the end of each burst. */
    void flush();
}
