package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.FrameLimits;
import io.flowlb.flowswitch.io.TxCounters;
import io.flowlb.flowswitch.io.TxQueue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread's transmit queue on an {@link AfPacketPort}: its own AF_PACKET socket (protocol 0,
 * so it receives nothing) with a {@code TPACKET_V2} ring. {@link #send} copies a frame into the
 * ring; {@link #flush} kicks the kernel once for everything requested since the last kick.
 *
 * <p>When the interface disappears or is re-created, the queue notices on its next send (the
 * port's published {@code ifindex} changed) and re-opens its socket on its own thread, at most
 * every {@link #RETRY_NANOS}. Thread safety: owned by one thread (see {@link TxQueue}); only
 * {@link #close()} is called by the port's closer, after that thread has stopped.
 */
final class AfPacketTxQueue implements TxQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AfPacketTxQueue.class);
    static final long RETRY_NANOS = 100_000_000L;

    private final AfPacketPort port;
    private final TxCounters counters;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callState = Libc.newCallState(arena);

    private MappedSocket socket;
    private TxRingV2 ring;
    private int boundIfindex;
    private boolean kickNeeded;
    private long nextAttemptNanos;
    private boolean closed;

    AfPacketTxQueue(AfPacketPort port, TxCounters counters) {
        this.port = port;
        this.counters = counters;
        attach(port.ifindex());
    }

    @Override
    public int portNo() {
        return port.portNo();
    }

    @Override
    public boolean send(MemorySegment frame, long offset, int length) {
        if (!port.linkUp() || !ready() || !FrameLimits.fits(frame, offset, length, port.mtu())) {
            counters.addDropped();
            return false;
        }
        if (!ring.offer(frame, offset, length)) {
            kickNeeded = true;
            counters.addDropped();
            return false;
        }
        counters.addSent(length);
        return true;
    }

    @Override
    public void flush() {
        TxRingV2 r = ring;
        if (r == null || (r.requested() == 0 && !kickNeeded)) {
            return;
        }
        if (!port.linkUp() || port.ifindex() != boundIfindex) {
            // A kick would fail (ENETDOWN, ENXIO) on every burst: wait for the link to return.
            kickNeeded = true;
            return;
        }
        long result = Libc.kick(callState, socket.fd, Libc.MSG_DONTWAIT);
        if (result >= 0) {
            r.clearRequested();
            kickNeeded = false;
            return;
        }
        // Frames left in the ring stay requested: the next flush kicks again.
        kickNeeded = true;
        int errno = Libc.errno(callState);
        if (errno != Libc.EAGAIN && errno != Libc.ENOBUFS && errno != Libc.EINTR) {
            counters.addError();
        }
    }

    private boolean ready() {
        int current = port.ifindex();
        if (current == boundIfindex && ring != null) {
            return true;
        }
        if (current == 0 || closed) {
            return false;
        }
        long now = System.nanoTime();
        if (now - nextAttemptNanos < 0) {
            return false;
        }
        nextAttemptNanos = now + RETRY_NANOS;
        return attach(current);
    }

    private boolean attach(int ifindex) {
        detach();
        if (ifindex == 0) {
            return false;
        }
        int frameSize = AfPacketConfig.txFrameSize(port.mtu());
        AfPacketConfig config = port.config();
        try {
            int frameCount = config.txFrameCount(port.mtu());
            socket = MappedSocket.openTx(port.name(), ifindex, frameSize, frameCount, config.qdiscBypass());
            ring = new TxRingV2(socket.ring, frameSize, frameCount, socket.vnetHeader);
            boundIfindex = ifindex;
            return true;
        } catch (NativeException e) {
            LOG.warn("port {} ({}): cannot open a transmit socket, will retry: {}", port.portNo(), port.name(),
                    e.getMessage());
            return false;
        }
    }

    private void detach() {
        MappedSocket s = socket;
        socket = null;
        ring = null;
        boundIfindex = 0;
        kickNeeded = false;
        if (s != null) {
            s.close();
        }
    }

    /** Closes the socket and unmaps the ring; the port calls this when it closes. */
    void close() {
        closed = true;
        detach();
        arena.close();
    }
}
