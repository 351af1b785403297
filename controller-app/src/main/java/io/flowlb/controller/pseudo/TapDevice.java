package io.flowlb.controller.pseudo;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux TAP interface owned by this process: the kernel sees an Ethernet interface
 * ({@code flowlb0}) with an address; frames the kernel sends out of it are read here, and frames
 * written here arrive at the kernel as if received on it.
 *
 * <p>Set-up, through {@code java.lang.foreign}: open {@code /dev/net/tun}, {@code TUNSETIFF}
 * with {@code IFF_TAP | IFF_NO_PI} (no packet-information header, no virtio-net header, so no
 * offloads: the kernel segments to the MTU and completes checksums before handing a frame over),
 * then the interface ioctls on a datagram socket: MAC, MTU, IPv4 address and netmask, up, and
 * an IPv6 address when one is configured. The device is not persistent: it vanishes when
 * {@link #close} closes the file, or when the process dies. A persistent device of the same
 * name left by someone else is taken over and made non-persistent.
 *
 * <p>Reading: {@link #startReading} starts one thread that waits in {@code poll(2)} with a short
 * timeout (so {@link #close} stops it promptly) and hands each frame, as a fresh {@code byte[]},
 * to a {@link TapPort.FrameSink}. The TAP path is control-plane traffic (the controller host's own
 * conversations), so a copy per frame is fine; nothing else happens on that thread.
 *
 * <p>Errors at set-up are {@link TapException}s whose message tells the operator what to do; at
 * run time nothing throws: a failed write returns its errno, a failing sink is counted and
 * logged once, a removed interface stops the reader with one log line.
 *
 * <p>Thread safety: {@link #write} is called by one thread at a time (the controller's event
 * thread); it uses a native buffer owned by the device. {@link #close} may be called from any
 * thread, once or more: it waits for a write in progress to finish before releasing the file.
 * Counters may be read from any thread.
 */
public final class TapDevice implements TapPort {
    private static final Logger LOG = LoggerFactory.getLogger(TapDevice.class);

    /** The TUN/TAP clone device. */
    static final String CLONE_DEVICE = "/dev/net/tun";
    /** The largest frame read or written: a TAP without offloads never exceeds MTU + headers. */
    public static final int MAX_FRAME = 65_536;
    static final int IFREQ_SIZE = 40;
    static final int IFREQ_UNION = 16;
    static final short IFF_UP = 0x1;
    static final short IFF_TAP = 0x0002;
    static final short IFF_PERSIST = 0x0800;
    static final short IFF_NO_PI = 0x1000;
    static final short ARPHRD_ETHER = 1;

    private final TapSettings settings;
    private final int fd;
    private final int ifIndex;
    private final Arena arena;
    private final MemorySegment writeBuffer;
    private final MemorySegment writeState;
    private final AtomicInteger writers = new AtomicInteger();
    private volatile boolean closed;
    private TapReader reader;

    private TapDevice(TapSettings settings, int fd, int ifIndex, Arena arena) {
        this.settings = settings;
        this.fd = fd;
        this.ifIndex = ifIndex;
        this.arena = arena;
        this.writeBuffer = arena.allocate(MAX_FRAME, 64);
        this.writeState = Libc.newCallState(arena);
    }

    /**
     * Creates the interface, sets its MAC, MTU and addresses and brings it up.
     *
     * @throws TapException with an operator-readable message when any step fails; nothing is
     *         left behind
     */
    public static TapDevice create(TapSettings settings) {
        Arena arena = Arena.ofShared();
        int fd = -1;
        try {
            MemorySegment cs = Libc.newCallState(arena);
            fd = openCloneDevice(arena, cs);
            attach(arena, cs, fd, settings.name());
            int index = TapSetup.configure(arena, cs, settings);
            TapDevice tap = new TapDevice(settings, fd, index, arena);
            LOG.info("TAP device {} up: mac {}, mtu {}{}{}", settings.name(), settings.mac(), settings.mtu(),
                    settings.ipv4() == null ? "" : ", " + settings.ipv4(),
                    settings.ipv6() == null ? "" : ", " + settings.ipv6());
            return tap;
        } catch (RuntimeException e) {
            if (fd >= 0) {
                Libc.close(Libc.newCallState(arena), fd);
            }
            arena.close();
            throw e;
        }
    }

    private static int openCloneDevice(Arena arena, MemorySegment cs) {
        MemorySegment path = arena.allocateFrom(CLONE_DEVICE);
        int flags = Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC;
        int fd = Libc.open(cs, path, flags);
        if (fd >= 0) {
            return fd;
        }
        int errno = Libc.errno(cs);
        String why = switch (errno) {
            case Libc.ENOENT -> CLONE_DEVICE + " does not exist: this system has no TUN/TAP support, or the device"
                    + " node is missing (create it with 'mkdir -p /dev/net && mknod /dev/net/tun c 10 200')";
            case Libc.ENODEV, Libc.ENXIO -> "the TUN/TAP driver is not available ('modprobe tun')";
            case Libc.EACCES, Libc.EPERM -> "permission denied opening " + CLONE_DEVICE
                    + ": run as root or with CAP_NET_ADMIN";
            default -> "cannot open " + CLONE_DEVICE + ": " + Libc.strerror(errno);
        };
        throw new TapException(why, errno);
    }

    /** TUNSETIFF: creates the interface (or takes over a persistent one) and makes it non-persistent. */
    private static void attach(Arena arena, MemorySegment cs, int fd, String name) {
        MemorySegment ifr = ifreq(arena, name);
        ifr.set(JAVA_SHORT, IFREQ_UNION, (short) (IFF_TAP | IFF_NO_PI));
        if (Libc.ioctl(cs, fd, Libc.TUNSETIFF, ifr) < 0) {
            int errno = Libc.errno(cs);
            String why = switch (errno) {
                case Libc.EPERM, Libc.EACCES -> "creating TAP device " + name
                        + " needs CAP_NET_ADMIN: run as root or grant the capability";
                case Libc.EBUSY -> "the interface name " + name + " is in use by another process's TAP device"
                        + " (is another controller running? choose another name)";
                case Libc.EINVAL -> "an interface named " + name + " already exists and is not a TAP device"
                        + " (choose another name or delete it: ip link del " + name + ")";
                default -> "cannot create TAP device " + name + ": " + Libc.strerror(errno);
            };
            throw new TapException(why, errno);
        }
        MemorySegment got = ifreq(arena, name);
        if (Libc.ioctl(cs, fd, Libc.TUNGETIFF, got) == 0 && (got.get(JAVA_SHORT, IFREQ_UNION) & IFF_PERSIST) != 0) {
            MemorySegment off = MemorySegment.NULL;
            Libc.ioctl(cs, fd, Libc.TUNSETPERSIST, off);
            LOG.info("took over the persistent TAP device {}; it is removed when the controller stops", name);
        }
    }

    /** A zeroed {@code struct ifreq} holding the interface name. */
    static MemorySegment ifreq(Arena arena, String name) {
        MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(n, 0, ifr, JAVA_BYTE, 0, n.length);
        return ifr;
    }

    public TapSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** The kernel's interface index. */
    public int ifIndex() {
        return ifIndex;
    }

    /**
     * Hands one frame to the kernel as if received on the interface.
     *
     * @return 0 on success, else the errno of the failed {@code write(2)} ({@code EBADF} once
     *         closed, {@code EINVAL} for a frame shorter than an Ethernet header or longer than
     *         {@link #MAX_FRAME})
     */
    @Override
    public int write(byte[] frame, int length) {
        if (length < 14 || length > MAX_FRAME || length > frame.length) {
            return Libc.EINVAL;
        }
        writers.incrementAndGet();
        try {
            if (closed) {
                return Libc.EBADF;
            }
            MemorySegment.copy(frame, 0, writeBuffer, JAVA_BYTE, 0, length);
            long n = Libc.write(writeState, fd, writeBuffer, length);
            return n == length ? 0 : n < 0 ? Libc.errno(writeState) : Libc.EIO;
        } finally {
            writers.decrementAndGet();
        }
    }

    /** Starts the reader thread; frames go to {@code sink}. At most once. */
    @Override
    public synchronized void startReading(FrameSink sink) {
        if (reader != null) {
            throw new IllegalStateException("the TAP device " + name() + " is already being read");
        }
        if (closed) {
            throw new IllegalStateException("the TAP device " + name() + " is closed");
        }
        reader = new TapReader(name(), fd, arena, sink);
        reader.start();
    }

    /** Frames read from the kernel and handed to the sink. */
    public long framesRead() {
        return reader == null ? 0 : reader.frames();
    }

    /** Frames on which the sink threw. */
    public long sinkFailures() {
        return reader == null ? 0 : reader.sinkFailures();
    }

    /** Failed reads other than "nothing to read". */
    public long readErrors() {
        return reader == null ? 0 : reader.errors();
    }

    /** True while the reader thread runs (false before start, after close or when the device vanished). */
    public boolean isReading() {
        TapReader r = reader;
        return r != null && r.isAlive();
    }

    /** Stops the reader, closes the file; the kernel removes the interface. */
    @Override
    public void close() {
        TapReader r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = reader;
        }
        if (r != null) {
            r.stopAndJoin();
        }
        while (writers.get() > 0) {
            Thread.onSpinWait();
        }
        Libc.close(writeState, fd);
        arena.close();
        LOG.info("TAP device {} removed", name());
    }

    /** Writes a sysctl of this interface ({@code net/ipv6/conf/NAME/disable_ipv6}); false when it does not exist. */
    static boolean sysctl(String path, String value) {
        try {
            Files.writeString(Path.of("/proc/sys", path), value);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("cannot set /proc/sys/{} to {}: {}", path, value, e.getMessage());
            return false;
        }
    }

    /** A {@code struct pollfd} for one descriptor, waiting for input. */
    static MemorySegment pollFd(Arena arena, int fd) {
        MemorySegment p = arena.allocate(8, 4);
        p.set(JAVA_INT, 0, fd);
        p.set(JAVA_SHORT, 4, Libc.POLLIN);
        return p;
    }
}
