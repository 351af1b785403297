package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.PortCounters;
import io.flowlb.flowswitch.io.TxQueue;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch port on a named Linux interface: one AF_PACKET receive socket with a
 * {@code TPACKET_V2} (or {@code TPACKET_V3}) ring, and one transmit socket with a
 * {@code TPACKET_V2} ring per transmitting thread ({@link #openTxQueue()}).
 *
 * <p>Ownership: the receive socket and ring belong to the poller that owns the port (it polls,
 * runs {@link #housekeeping()}, and re-opens the socket there); each transmit queue belongs to
 * its thread. The interface's state ({@code ifindex}, link, MTU, address) is published in
 * volatile fields, written at open and afterwards only by the {@link LinkMonitor}; readers on
 * any thread see it without a lock. An {@code ifindex} of 0 means the interface is gone: both
 * sides then stand still (poll returns 0, sends are counted as drops) and re-open themselves,
 * each on its own thread, when an interface of the same name appears with a new index.
 */
public final class AfPacketPort implements NetPort {
    private static final Logger LOG = LoggerFactory.getLogger(AfPacketPort.class);
    /** {@code struct tpacket_stats_v3}: packets, drops, freeze count. */
    private static final int PACKET_STATISTICS = 6;
    private static final int STATS_SIZE = 12;
    /** Whole frames too long for a receive slot land here: GSO super-frames, even BIG TCP ones. */
    private static final int COPY_BUFFER_SIZE = 256 * 1024 + RxFrames.HEADROOM;

    private final int portNo;
    private final String name;
    private final AfPacketConfig config;
    private final PortCounters counters = new PortCounters();
    private final List<AfPacketTxQueue> txQueues = new ArrayList<>();

    private volatile int ifindex;
    private volatile boolean linkUp;
    private volatile int mtu;
    private volatile long hwAddr;
    private volatile boolean closed;

    // Receive side: owned by the thread that polls the port.
    private final Arena rxArena = Arena.ofShared();
    private final MemorySegment rxCallState = Libc.newCallState(rxArena);
    private final MemorySegment stats = rxArena.allocate(STATS_SIZE, 4);
    private final MemorySegment statsLength = rxArena.allocate(ValueLayout.JAVA_INT);
    private final MemorySegment copyBuffer = rxArena.allocate(COPY_BUFFER_SIZE, 64);
    private final MemorySegment copyTarget = copyBuffer.asSlice(RxFrames.HEADROOM);
    private MappedSocket rx;
    private RxRing rxRing;
    private int rxIfindex;
    private String lastRxFailure;

    private AfPacketPort(int portNo, InterfaceInfo info, AfPacketConfig config) {
        this.portNo = portNo;
        this.name = info.name();
        this.config = config;
        publish(info);
    }

    /**
     * Opens the receive socket of interface {@code name} as OpenFlow port {@code portNo}.
     *
     * @throws NativeException when the interface does not exist or the process lacks
     *     {@code CAP_NET_RAW} (the message says which and what to do)
     */
    public static AfPacketPort open(String name, int portNo, AfPacketConfig config) throws NativeException {
        if (portNo < 1) {
            throw new IllegalArgumentException("port numbers start at 1, not " + portNo);
        }
        AfPacketPort port = new AfPacketPort(portNo, InterfaceInfo.query(name), config);
        try {
            port.openRx(port.ifindex);
        } catch (NativeException | RuntimeException e) {
            port.close();
            throw e;
        }
        return port;
    }

    /**
     * Opens {@code names} as OpenFlow ports 1, 2, ... in that order (the {@code --port} options).
     * If one cannot be opened, those already open are closed before the exception propagates.
     *
     * @throws IllegalArgumentException when a name is given twice or none is given
     */
    public static List<AfPacketPort> openAll(List<String> names, AfPacketConfig config) throws NativeException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no port given: name at least one interface");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("an interface is named twice: " + names);
        }
        List<AfPacketPort> opened = new ArrayList<>();
        try {
            for (String name : names) {
                opened.add(open(name, opened.size() + 1, config));
            }
            return List.copyOf(opened);
        } catch (NativeException | RuntimeException e) {
            opened.forEach(AfPacketPort::close);
            throw e;
        }
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

    /** False while no interface of this name exists. */
    public boolean present() {
        return ifindex != 0;
    }

    /** The index of the interface (0 while it is gone). */
    public int ifindex() {
        return ifindex;
    }

    @Override
    public PortCounters counters() {
        return counters;
    }

    AfPacketConfig config() {
        return config;
    }

    @Override
    public int poll(FrameHandler handler, int maxFrames) {
        RxRing ring = rxRing;
        if (ring == null) {
            return 0;
        }
        int frames = ring.poll(handler, portNo, maxFrames);
        if (frames > 0) {
            counters.addReceived(frames, ring.burstBytes());
            int truncated = ring.burstTruncated();
            if (truncated > 0) {
                counters.addRxErrors(truncated);
            }
        }
        return frames;
    }

    @Override
    public int pollFd() {
        MappedSocket socket = rx;
        return socket == null ? -1 : socket.fd;
    }

    @Override
    public void housekeeping() {
        if (closed) {
            return;
        }
        readKernelDrops();
        int current = ifindex;
        if (current != rxIfindex) {
            reopenRx(current);
        }
    }

    private void readKernelDrops() {
        MappedSocket socket = rx;
        if (socket == null) {
            return;
        }
        statsLength.set(ValueLayout.JAVA_INT, 0, STATS_SIZE);
        // Reading the statistics resets them in the kernel, so each read adds the new drops.
        if (Libc.getsockopt(rxCallState, socket.fd, Libc.SOL_PACKET, PACKET_STATISTICS, stats, statsLength) == 0) {
            int drops = stats.get(ValueLayout.JAVA_INT, 4);
            if (drops > 0) {
                counters.addRxOverruns(Integer.toUnsignedLong(drops));
            }
        }
    }

    private void reopenRx(int current) {
        closeRx();
        if (current == 0) {
            return;
        }
        try {
            openRx(current);
            lastRxFailure = null;
            LOG.info("port {} ({}): receive socket re-opened on ifindex {}", portNo, name, current);
        } catch (NativeException e) {
            if (!e.getMessage().equals(lastRxFailure)) {
                LOG.warn("port {} ({}): cannot re-open the receive socket, will retry: {}", portNo, name, e.getMessage());
                lastRxFailure = e.getMessage();
            }
        }
    }

    private void openRx(int index) throws NativeException {
        MappedSocket socket = MappedSocket.openRx(name, index, mtu, config);
        rx = socket;
        rxRing = config.rxRing() == AfPacketConfig.RxRingVersion.TPACKET_V2
                ? new RxRingV2(socket.ring, socket.slotSize, socket.slotCount, copyBuffer, this::readFullFrame)
                : new RxRingV3(socket.ring, socket.slotSize, socket.slotCount, true);
        rxIfindex = index;
    }

    /** Reads the whole copy of a frame too long for its slot ({@code TP_STATUS_COPY}). */
    private int readFullFrame() {
        MappedSocket socket = rx;
        if (socket == null) {
            return -1;
        }
        long n = Libc.recv(rxCallState, socket.fd, copyTarget, copyTarget.byteSize(), Libc.MSG_DONTWAIT | Libc.MSG_TRUNC);
        return n < 0 ? -1 : (int) Math.min(n, Integer.MAX_VALUE);
    }

    private void closeRx() {
        MappedSocket socket = rx;
        rx = null;
        rxRing = null;
        rxIfindex = 0;
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public TxQueue openTxQueue() {
        if (closed) {
            throw new IllegalStateException("port " + name + " is closed");
        }
        AfPacketTxQueue queue = new AfPacketTxQueue(this, counters.newTxCounters());
        synchronized (txQueues) {
            txQueues.add(queue);
        }
        return queue;
    }

    /**
     * Records what the kernel says about the interface; returns true when something a
     * controller sees (link, MTU, address, presence) changed. Link monitor thread only.
     */
    boolean publish(InterfaceInfo info) {
        boolean changed = ifindex != info.ifindex() || linkUp != info.linkUp() || mtu != info.mtu()
                || hwAddr != info.hwAddr();
        mtu = info.mtu();
        hwAddr = info.hwAddr();
        linkUp = info.linkUp();
        ifindex = info.ifindex();
        return changed;
    }

    /** Records that the interface is gone; returns true when it was there. Link monitor thread only. */
    boolean vanish() {
        boolean changed = ifindex != 0 || linkUp;
        linkUp = false;
        ifindex = 0;
        return changed;
    }

    /**
     * Unmaps every ring and closes every socket of the port. Call it after the threads that
     * poll the port or use its transmit queues have stopped.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeRx();
        synchronized (txQueues) {
            for (AfPacketTxQueue queue : txQueues) {
                queue.close();
            }
            txQueues.clear();
        }
        rxArena.close();
    }

    @Override
    public String toString() {
        return "port " + portNo + " (" + name + ", ifindex " + ifindex + (linkUp ? ", up" : ", down") + ")";
    }
}
