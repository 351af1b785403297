package io.flowlb.flowswitch.io.afpacket;

import io.flowlb.flowswitch.io.PortStatusListener;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the links of a fixed set of {@link AfPacketPort}s through a {@code NETLINK_ROUTE}
 * socket subscribed to {@code RTMGRP_LINK}: the kernel reports every link change (carrier,
 * admin state, MTU, address, creation, deletion) as it happens, so no interface is polled and
 * a port learns about a vanished or re-created interface within one wake-up of this monitor.
 * When the socket's buffer overflows ({@code ENOBUFS}) events were lost, so every port is read
 * again with ioctls ({@link #resync()}).
 *
 * <p>The monitor is the only writer of the ports' published interface state; it tells the
 * {@link PortStatusListener} after each change. It subscribes before it reads the initial
 * state, so no change falls between the two.
 *
 * <p>Thread safety: {@link #poll()} and {@link #resync()} are called by one thread (the
 * housekeeping thread that runs the monitor); {@link #fd()} may be read by any thread.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);
    private static final int NETLINK_ROUTE = 0;
    private static final int RTMGRP_LINK = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int RCVBUF = 1 << 20;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_DATAGRAMS_PER_POLL = 64;

    private final List<AfPacketPort> ports;
    private final PortStatusListener listener;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment callState = Libc.newCallState(arena);
    private final MemorySegment buffer = arena.allocate(BUFFER_SIZE, 8);
    private final RtnlLinkParser.Sink sink = this::apply;
    private final int fd;
    private long overruns;
    private long errors;
    private boolean closed;

    private LinkMonitor(List<AfPacketPort> ports, PortStatusListener listener, int fd) {
        this.ports = List.copyOf(ports);
        this.listener = listener;
        this.fd = fd;
    }

    /**
     * Subscribes to link events and reads the current state of every port.
     *
     * @throws NativeException when the netlink socket cannot be opened
     */
    public static LinkMonitor open(List<AfPacketPort> ports, PortStatusListener listener) throws NativeException {
        int fd;
        try (Arena setup = Arena.ofConfined()) {
            MemorySegment cs = Libc.newCallState(setup);
            fd = Libc.socket(cs, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC | Libc.SOCK_NONBLOCK, NETLINK_ROUTE);
            if (fd < 0) {
                throw new NativeException("socket(AF_NETLINK, NETLINK_ROUTE)", "link monitoring", Libc.errno(cs));
            }
            MemorySegment size = setup.allocate(ValueLayout.JAVA_INT);
            size.set(ValueLayout.JAVA_INT, 0, RCVBUF);
            if (Libc.setsockopt(cs, fd, Libc.SOL_SOCKET, SO_RCVBUFFORCE, size, 4) != 0) {
                Libc.setsockopt(cs, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, size, 4);
            }
            MemorySegment nl = setup.allocate(12, 4);
            nl.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            nl.set(ValueLayout.JAVA_INT, 8, RTMGRP_LINK);
            if (Libc.bind(cs, fd, nl, 12) != 0) {
                int errno = Libc.errno(cs);
                Libc.close(cs, fd);
                throw new NativeException("bind(NETLINK_ROUTE, RTMGRP_LINK)", "link monitoring", errno);
            }
        }
        LinkMonitor monitor = new LinkMonitor(ports, listener, fd);
        monitor.resync();
        return monitor;
    }

    /** The netlink socket: readable when link events are waiting. */
    public int fd() {
        return fd;
    }

    /** Times the kernel dropped link events because this monitor fell behind. */
    public long overruns() {
        return overruns;
    }

    /** Failed reads of the netlink socket. */
    public long errors() {
        return errors;
    }

    /**
     * Applies every waiting link event without blocking; returns how many datagrams it read
     * (0 when none were waiting). Never throws for kernel errors: they are counted.
     */
    public int poll() {
        if (closed) {
            return 0;
        }
        int datagrams = 0;
        while (datagrams < MAX_DATAGRAMS_PER_POLL) {
            long n = Libc.recv(callState, fd, buffer, BUFFER_SIZE, Libc.MSG_DONTWAIT);
            if (n < 0) {
                int errno = Libc.errno(callState);
                if (errno == Libc.ENOBUFS) {
                    overruns++;
                    resync();
                    continue;
                }
                if (errno != Libc.EAGAIN && errno != Libc.EINTR) {
                    errors++;
                }
                break;
            }
            datagrams++;
            RtnlLinkParser.parse(buffer, (int) n, sink);
        }
        return datagrams;
    }

    /** Reads every port's interface again with ioctls and publishes what changed. */
    public void resync() {
        for (AfPacketPort port : ports) {
            boolean changed;
            try {
                changed = port.publish(InterfaceInfo.query(port.name()));
            } catch (NativeException e) {
                changed = port.vanish();
            }
            announce(port, changed);
        }
    }

    private void apply(boolean deleted, int ifindex, int flags, String name, int mtu, long hwAddr) {
        for (AfPacketPort port : ports) {
            boolean sameName = port.name().equals(name);
            boolean sameIndex = port.ifindex() == ifindex && ifindex != 0;
            if (deleted && (sameIndex || sameName)) {
                announce(port, port.vanish());
            } else if (!deleted && sameName) {
                int newMtu = mtu >= 0 ? mtu : port.mtu();
                long newAddr = hwAddr >= 0 ? hwAddr : port.hwAddr();
                announce(port, port.publish(new InterfaceInfo(name, ifindex, newAddr, newMtu, flags)));
            } else if (!deleted && sameIndex && name != null) {
                // Renamed: the port is bound to a name, and that name is gone.
                announce(port, port.vanish());
            }
        }
    }

    private void announce(AfPacketPort port, boolean changed) {
        if (!changed) {
            return;
        }
        LOG.info("port {} ({}): {}", port.portNo(), port.name(),
                !port.present() ? "interface gone" : port.linkUp() ? "link up" : "link down");
        try {
            listener.portChanged(port);
        } catch (RuntimeException e) {
            LOG.warn("port status listener failed for port {}: {}", port.portNo(), e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.close(callState, fd);
        arena.close();
    }
}
