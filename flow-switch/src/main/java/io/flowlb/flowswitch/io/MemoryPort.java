package io.flowlb.flowswitch.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A port in memory, for tests of the datapath and the OpenFlow agent: a test injects frames
 * that the next {@link #poll} delivers, and reads back the frames the switch transmitted (each
 * visible once its queue was flushed, as on a real port).
 *
 * <p>Frames are delivered from one native receive buffer (like a ring slot: valid during the
 * call only) with {@link #HEADROOM} bytes in front. Link state, MTU and the transmit size rule
 * behave as on {@code AfPacketPort}: a port that is down delivers nothing and drops what is sent.
 *
 * <p>Thread safety: {@link #inject}, {@link #takeTransmitted}, {@link #setLinkUp} and the
 * getters may be called from any thread; {@link #poll} by the receive owner; each queue by its
 * owner thread.
 */
public final class MemoryPort implements NetPort {
    /** Bytes of free space in front of each delivered frame. */
    public static final int HEADROOM = 64;
    private static final int MAX_FRAME = 256 * 1024;

    private record Injected(byte[] frame, int flags) {
    }

    private final int portNo;
    private final String name;
    private final long hwAddr;
    private final int mtu;
    private final PortCounters counters = new PortCounters();
    private final Queue<Injected> received = new ConcurrentLinkedQueue<>();
    private final Queue<byte[]> transmitted = new ConcurrentLinkedQueue<>();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment rxBuffer = arena.allocate(HEADROOM + MAX_FRAME, 64);
    private volatile boolean linkUp = true;

    public MemoryPort(int portNo, String name, long hwAddr, int mtu) {
        this.portNo = portNo;
        this.name = name;
        this.hwAddr = hwAddr;
        this.mtu = mtu;
    }

    /** A port with MTU 1500 and a locally administered address derived from its number. */
    public MemoryPort(int portNo, String name) {
        this(portNo, name, 0x02_00_00_00_00_00L | portNo, 1500);
    }

    /** Queues a frame for the next {@link #poll}. */
    public void inject(byte[] frame) {
        inject(frame, 0);
    }

    /** Queues a frame with {@link RxFlags} bits, as if the kernel had set them. */
    public void inject(byte[] frame, int flags) {
        if (frame.length > MAX_FRAME) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds " + MAX_FRAME);
        }
        received.add(new Injected(frame.clone(), flags));
    }

    /** Frames injected and not yet polled. */
    public int pendingReceive() {
        return received.size();
    }

    /** The oldest frame transmitted and flushed on this port, or null. */
    public byte[] takeTransmitted() {
        return transmitted.poll();
    }

    /** Every frame transmitted and flushed since the last call, oldest first. */
    public List<byte[]> drainTransmitted() {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] f = transmitted.poll(); f != null; f = transmitted.poll()) {
            frames.add(f);
        }
        return frames;
    }

    public void setLinkUp(boolean up) {
        this.linkUp = up;
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
        return linkUp;
    }

    @Override
    public PortCounters counters() {
        return counters;
    }

    @Override
    public int poll(FrameHandler handler, int maxFrames) {
        if (!linkUp) {
            return 0;
        }
        int delivered = 0;
        long bytes = 0;
        Injected next;
        while (delivered < maxFrames && (next = received.poll()) != null) {
            int length = next.frame().length;
            MemorySegment.copy(MemorySegment.ofArray(next.frame()), 0, rxBuffer, HEADROOM, length);
            handler.onFrame(portNo, rxBuffer, HEADROOM, length, next.flags());
            delivered++;
            bytes += length;
        }
        if (delivered > 0) {
            counters.addReceived(delivered, bytes);
        }
        return delivered;
    }

    @Override
    public TxQueue openTxQueue() {
        return new MemoryTxQueue(counters.newTxCounters());
    }

    @Override
    public void close() {
        linkUp = false;
        arena.close();
    }

    @Override
    public String toString() {
        return "memory port " + portNo + " (" + name + ")";
    }

    /** Holds sent frames until {@link #flush()}, then makes them visible on the port. */
    private final class MemoryTxQueue implements TxQueue {
        private final TxCounters counters;
        private final List<byte[]> unflushed = new ArrayList<>();

        MemoryTxQueue(TxCounters counters) {
            this.counters = counters;
        }

        @Override
        public int portNo() {
            return portNo;
        }

        @Override
        public boolean send(MemorySegment frame, long offset, int length) {
            if (!linkUp || !FrameLimits.fits(frame, offset, length, mtu)) {
                counters.addDropped();
                return false;
            }
            unflushed.add(frame.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
            counters.addSent(length);
            return true;
        }

        @Override
        public void flush() {
            if (!unflushed.isEmpty()) {
                transmitted.addAll(unflushed);
                unflushed.clear();
            }
        }
    }
}
