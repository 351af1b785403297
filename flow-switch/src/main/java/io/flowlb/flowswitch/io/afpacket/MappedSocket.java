package io.flowlb.flowswitch.io.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * An AF_PACKET socket bound to one interface with its ring mapped: a {@code TPACKET_V2} or
 * {@code TPACKET_V3} receive ring, or a {@code TPACKET_V2} transmit ring on a socket that
 * receives nothing.
 *
 * <p>The ring is mapped into a shared arena whose close unmaps it: a thread that touches the
 * ring after {@link #close()} gets an {@link IllegalStateException}, never a crash.
 * Thread safety: set up by one thread, then used and closed by its owner.
 */
final class MappedSocket implements AutoCloseable {
    static final int TPACKET_V2 = 1;
    static final int TPACKET_V3 = 2;
    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final int PACKET_RX_RING = 5;
    private static final int PACKET_COPY_THRESH = 7;
    private static final int PACKET_VERSION = 10;
    private static final int PACKET_RESERVE = 12;
    private static final int PACKET_TX_RING = 13;
    private static final int PACKET_LOSS = 14;
    private static final int PACKET_VNET_HDR = 15;
    private static final int PACKET_QDISC_BYPASS = 20;
    private static final int PACKET_IGNORE_OUTGOING = 23;
    private static final int PACKET_MR_PROMISC = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int TX_SNDBUF = 4 << 20;
    /** Room for the whole copies of about sixty 64 KiB super-frames waiting to be read. */
    private static final int COPY_RCVBUF = 8 << 20;
    private static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    final int fd;
    final MemorySegment ring;
    /** The slot size of a frame ring ({@code TPACKET_V2}), or the block size ({@code TPACKET_V3}). */
    final int slotSize;
    /** The number of slots or blocks. */
    final int slotCount;
    /** Whether frames on this socket's ring carry a virtio-net header ({@code PACKET_VNET_HDR}). */
    final boolean vnetHeader;
    private final Arena arena;

    private MappedSocket(int fd, MemorySegment ring, int slotSize, int slotCount, boolean vnetHeader, Arena arena) {
        this.fd = fd;
        this.ring = ring;
        this.slotSize = slotSize;
        this.slotCount = slotCount;
        this.vnetHeader = vnetHeader;
        this.arena = arena;
    }

    /**
     * Opens a receive socket with the configured ring, promiscuous, blind to its own sends, and
     * (with {@code TPACKET_V2}) queueing whole copies of frames too long for a slot.
     */
    static MappedSocket openRx(String name, int ifindex, int mtu, AfPacketConfig config) throws NativeException {
        boolean frames = config.rxRing() == AfPacketConfig.RxRingVersion.TPACKET_V2;
        try (Setup s = new Setup(name)) {
            int fd = s.socket();
            try {
                s.setInt(fd, Libc.SOL_PACKET, PACKET_VERSION, frames ? TPACKET_V2 : TPACKET_V3,
                        frames ? "PACKET_VERSION(TPACKET_V2)" : "PACKET_VERSION(TPACKET_V3)");
                s.setInt(fd, Libc.SOL_PACKET, PACKET_RESERVE, RxFrames.HEADROOM, "PACKET_RESERVE");
                s.setInt(fd, Libc.SOL_PACKET, PACKET_IGNORE_OUTGOING, 1, "PACKET_IGNORE_OUTGOING (Linux 4.20+)");
                int slotSize;
                int slotCount;
                if (frames) {
                    slotSize = AfPacketConfig.rxFrameSize(mtu);
                    slotCount = config.rxFrameCount(mtu);
                    s.frameRing(fd, PACKET_RX_RING, "PACKET_RX_RING", slotSize, slotCount);
                    s.setInt(fd, Libc.SOL_PACKET, PACKET_COPY_THRESH, 1, "PACKET_COPY_THRESH");
                    s.bufferSize(fd, SO_RCVBUFFORCE, Libc.SO_RCVBUF, COPY_RCVBUF);
                } else {
                    slotSize = config.rxBlockSize();
                    slotCount = config.rxBlockCount();
                    s.blockRing(fd, config);
                }
                MemorySegment mreq = s.arena.allocate(16, 4);
                mreq.set(ValueLayout.JAVA_INT, 0, ifindex);
                mreq.set(ValueLayout.JAVA_SHORT, 4, (short) PACKET_MR_PROMISC);
                s.set(fd, Libc.SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq, "PACKET_ADD_MEMBERSHIP(PROMISC)");
                MappedSocket socket = s.map(fd, (long) slotSize * slotCount, slotSize, slotCount, false);
                s.bind(fd, ifindex, ETH_P_ALL, socket);
                return socket;
            } catch (NativeException | RuntimeException e) {
                Libc.close(s.cs, fd);
                throw e;
            }
        }
    }

    /**
     * Opens a transmit-only socket (protocol 0: it receives nothing) with a {@code TPACKET_V2} ring,
     * with a virtio-net header before each frame where the kernel supports it (see {@link TxRingV2}).
     */
    static MappedSocket openTx(String name, int ifindex, int frameSize, int frameCount, boolean qdiscBypass)
            throws NativeException {
        try (Setup s = new Setup(name)) {
            int fd = s.socket();
            try {
                s.setInt(fd, Libc.SOL_PACKET, PACKET_VERSION, TPACKET_V2, "PACKET_VERSION(TPACKET_V2)");
                // Skip a malformed frame instead of stopping the ring on it.
                s.setInt(fd, Libc.SOL_PACKET, PACKET_LOSS, 1, "PACKET_LOSS");
                if (qdiscBypass) {
                    s.setInt(fd, Libc.SOL_PACKET, PACKET_QDISC_BYPASS, 1, "PACKET_QDISC_BYPASS");
                }
                // Must come before the ring; a kernel without it gets plain frames.
                boolean vnet = s.trySetInt(fd, Libc.SOL_PACKET, PACKET_VNET_HDR, 1);
                // Frames in flight are charged to the send buffer; a full one stalls the ring.
                s.bufferSize(fd, SO_SNDBUFFORCE, SO_SNDBUF, TX_SNDBUF);
                s.frameRing(fd, PACKET_TX_RING, "PACKET_TX_RING", frameSize, frameCount);
                MappedSocket socket = s.map(fd, (long) frameSize * frameCount, frameSize, frameCount, vnet);
                s.bind(fd, ifindex, 0, socket);
                return socket;
            } catch (NativeException | RuntimeException e) {
                Libc.close(s.cs, fd);
                throw e;
            }
        }
    }

    /** Unmaps the ring and closes the socket. */
    @Override
    public void close() {
        arena.close();
        try (Arena a = Arena.ofConfined()) {
            Libc.close(Libc.newCallState(a), fd);
        }
    }

    /** The set-up calls of one socket, each turned into a {@link NativeException} that names it. */
    private static final class Setup implements AutoCloseable {
        final Arena arena = Arena.ofConfined();
        final MemorySegment cs = Libc.newCallState(arena);
        private final String subject;

        Setup(String name) {
            this.subject = "interface '" + name + "'";
        }

        int socket() throws NativeException {
            int fd = Libc.socket(cs, Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC | Libc.SOCK_NONBLOCK, 0);
            if (fd < 0) {
                throw new NativeException("socket(AF_PACKET, SOCK_RAW)", subject, Libc.errno(cs));
            }
            return fd;
        }

        void setInt(int fd, int level, int option, int value, String what) throws NativeException {
            if (!trySetInt(fd, level, option, value)) {
                throw new NativeException("setsockopt " + what, subject, Libc.errno(cs));
            }
        }

        /** A ring of fixed slots laid out back to back: blocks of at least 64 KiB, whole slots each. */
        void frameRing(int fd, int option, String what, int frameSize, int frameCount) throws NativeException {
            int blockSize = Math.max(frameSize, 64 * 1024);
            int blockCount = Math.max(1, (int) ((long) frameSize * frameCount / blockSize));
            MemorySegment req = arena.allocate(16, 4);
            req.set(ValueLayout.JAVA_INT, 0, blockSize);
            req.set(ValueLayout.JAVA_INT, 4, blockCount);
            req.set(ValueLayout.JAVA_INT, 8, frameSize);
            req.set(ValueLayout.JAVA_INT, 12, frameCount);
            set(fd, Libc.SOL_PACKET, option, req, what);
        }

        /** A {@code TPACKET_V3} ring ({@code struct tpacket_req3}). */
        void blockRing(int fd, AfPacketConfig config) throws NativeException {
            MemorySegment req = arena.allocate(28, 4);
            int accountingFrame = 2048;
            req.set(ValueLayout.JAVA_INT, 0, config.rxBlockSize());
            req.set(ValueLayout.JAVA_INT, 4, config.rxBlockCount());
            req.set(ValueLayout.JAVA_INT, 8, accountingFrame);
            req.set(ValueLayout.JAVA_INT, 12, config.rxBlockSize() / accountingFrame * config.rxBlockCount());
            req.set(ValueLayout.JAVA_INT, 16, config.rxRetireMillis());
            set(fd, Libc.SOL_PACKET, PACKET_RX_RING, req, "PACKET_RX_RING(TPACKET_V3)");
        }

        /** Sets a socket buffer size, beyond the sysctl limit when privileged. */
        void bufferSize(int fd, int forced, int plain, int bytes) {
            if (!trySetInt(fd, Libc.SOL_SOCKET, forced, bytes)) {
                trySetInt(fd, Libc.SOL_SOCKET, plain, bytes);
            }
        }

        boolean trySetInt(int fd, int level, int option, int value) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, value);
            return Libc.setsockopt(cs, fd, level, option, v, 4) == 0;
        }

        void set(int fd, int level, int option, MemorySegment value, String what) throws NativeException {
            int size = (int) value.byteSize();
            if (Libc.setsockopt(cs, fd, level, option, value, size) != 0) {
                throw new NativeException("setsockopt " + what, subject, Libc.errno(cs));
            }
        }

        MappedSocket map(int fd, long size, int slotSize, int slotCount, boolean vnetHeader) throws NativeException {
            long address = Libc.mmap(cs, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, fd, 0);
            if (address == -1L) {
                throw new NativeException("mmap of a " + (size >> 10) + " KiB ring", subject, Libc.errno(cs));
            }
            Arena shared = Arena.ofShared();
            MemorySegment ring = MemorySegment.ofAddress(address).reinterpret(size, shared, s -> unmap(address, size));
            return new MappedSocket(fd, ring, slotSize, slotCount, vnetHeader, shared);
        }

        void bind(int fd, int ifindex, int protocol, MappedSocket socket) throws NativeException {
            MemorySegment sll = arena.allocate(SOCKADDR_LL_SIZE, 4);
            sll.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_PACKET);
            sll.set(NET_SHORT, 2, (short) protocol);
            sll.set(ValueLayout.JAVA_INT, 4, ifindex);
            if (Libc.bind(cs, fd, sll, SOCKADDR_LL_SIZE) != 0) {
                int errno = Libc.errno(cs);
                socket.arena.close();
                throw new NativeException("bind(AF_PACKET, ifindex " + ifindex + ")", subject, errno);
            }
        }

        private static void unmap(long address, long size) {
            try (Arena a = Arena.ofConfined()) {
                Libc.munmap(Libc.newCallState(a), address, size);
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
