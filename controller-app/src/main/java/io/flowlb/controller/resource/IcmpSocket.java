package io.flowlb.controller.resource;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One ICMP (or ICMPv6) socket through {@code java.lang.foreign}: an unprivileged ping socket
 * ({@code SOCK_DGRAM}, allowed to the groups in {@code net.ipv4.ping_group_range}) when the
 * system allows it, otherwise a raw socket ({@code SOCK_RAW}, needs {@code CAP_NET_RAW}).
 *
 * <p>A ping socket's kernel sets the echo identifier to the socket's own and delivers only the
 * replies that carry it; a raw socket gets every ICMP message of its family and the caller
 * filters by identifier. A raw IPv4 socket returns the IP header in front of each message.
 *
 * <p>Sends never block ({@code MSG_DONTWAIT}); receives are non-blocking after
 * {@link #awaitReadable} said there is something to read.
 *
 * <p>Thread safety: {@link #send} may be called from any thread (each call uses its own native
 * memory); {@link #awaitReadable}, {@link #receive} and {@link #close} by the one receiving
 * thread.
 */
final class IcmpSocket {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int MSG_DONTWAIT = 0x40;
    private static final short POLLIN = 0x1;
    static final int EAGAIN = 11;
    static final int EINTR = 4;
    private static final int SOCKADDR_MAX = 28;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = bind("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM = bind("recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LOOKUP.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final int fd;
    private final boolean v6;
    private final boolean raw;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment rxState = arena.allocate(CALL_STATE);
    private final MemorySegment rxBuffer = arena.allocate(2048);
    private final MemorySegment rxFrom = arena.allocate(SOCKADDR_MAX);
    private final MemorySegment rxFromLength = arena.allocate(JAVA_INT);
    private final MemorySegment pollFd = arena.allocate(8);

    /** A socket that could not be opened: the errno and its text. */
    static final class OpenException extends Exception {
        final int errno;

        OpenException(String message, int errno) {
            super(message);
            this.errno = errno;
        }
    }

    /** A received message and its sender. */
    record Received(byte[] bytes, int length, InetAddress from) {
    }

    private IcmpSocket(int fd, boolean v6, boolean raw) {
        this.fd = fd;
        this.v6 = v6;
        this.raw = raw;
    }

    /**
     * Opens a ping socket, else a raw socket, of one family, bound to {@code source} when given.
     *
     * @throws OpenException when neither kind may be opened (no privilege, no IPv6)
     */
    static IcmpSocket open(boolean v6, InetAddress source) throws OpenException {
        int family = v6 ? AF_INET6 : AF_INET;
        int protocol = v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = a.allocate(CALL_STATE);
            boolean raw = false;
            int fd = socket(cs, family, SOCK_DGRAM | SOCK_CLOEXEC, protocol);
            int dgramErrno = fd < 0 ? errno(cs) : 0;
            if (fd < 0) {
                raw = true;
                fd = socket(cs, family, SOCK_RAW | SOCK_CLOEXEC, protocol);
            }
            if (fd < 0) {
                int e = errno(cs);
                throw new OpenException("cannot open an " + (v6 ? "ICMPv6" : "ICMP") + " socket: ping socket: "
                        + strerror(dgramErrno) + ", raw socket: " + strerror(e)
                        + " (run as root, grant CAP_NET_RAW, or widen net.ipv4.ping_group_range)", e);
            }
            IcmpSocket s = new IcmpSocket(fd, v6, raw);
            if (source != null && (source.getAddress().length == 16) == v6) {
                MemorySegment sa = a.allocate(SOCKADDR_MAX);
                int len = sockaddr(sa, source);
                if (bindFd(cs, fd, sa, len) < 0) {
                    int e = errno(cs);
                    s.close();
                    throw new OpenException("cannot bind the ICMP socket to " + source.getHostAddress() + ": "
                            + strerror(e), e);
                }
            }
            return s;
        }
    }

    boolean isV6() {
        return v6;
    }

    /** True for a raw socket: the caller must pick out its own identifier; IPv4 messages carry the IP header. */
    boolean isRaw() {
        return raw;
    }

    /** Sends one message to {@code to}; returns 0 or the errno. Never blocks. */
    int send(InetAddress to, byte[] message) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = a.allocate(CALL_STATE);
            MemorySegment buf = a.allocate(message.length);
            MemorySegment.copy(message, 0, buf, JAVA_BYTE, 0, message.length);
            MemorySegment sa = a.allocate(SOCKADDR_MAX);
            int saLen = sockaddr(sa, to);
            long n = sendto(cs, fd, buf, message.length, MSG_DONTWAIT, sa, saLen);
            return n < 0 ? errno(cs) : 0;
        }
    }

    /** Waits up to {@code timeoutMillis} for a message; true when one can be read. */
    boolean awaitReadable(int timeoutMillis) {
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, POLLIN);
        pollFd.set(JAVA_SHORT, 6, (short) 0);
        try {
            int n = (int) POLL.invokeExact(rxState, pollFd, 1L, timeoutMillis);
            return n > 0;
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** Reads one message without blocking, or returns null when there is none (or on an error). */
    Received receive() {
        rxFromLength.set(JAVA_INT, 0, SOCKADDR_MAX);
        long n;
        try {
            long size = rxBuffer.byteSize();
            n = (long) RECVFROM.invokeExact(rxState, fd, rxBuffer, size, MSG_DONTWAIT, rxFrom, rxFromLength);
        } catch (Throwable t) {
            throw fatal(t);
        }
        if (n < 0) {
            return null;
        }
        byte[] bytes = rxBuffer.asSlice(0, n).toArray(JAVA_BYTE);
        return new Received(bytes, (int) n, address(rxFrom));
    }

    void close() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = a.allocate(CALL_STATE);
            int ignored = (int) CLOSE.invokeExact(cs, fd);
        } catch (Throwable t) {
            throw fatal(t);
        } finally {
            arena.close();
        }
    }

    /** Writes a {@code sockaddr_in} or {@code sockaddr_in6} with port 0; returns its length. */
    private static int sockaddr(MemorySegment sa, InetAddress address) {
        byte[] b = address.getAddress();
        sa.fill((byte) 0);
        if (b.length == 4) {
            sa.set(JAVA_SHORT, 0, (short) AF_INET);
            MemorySegment.copy(b, 0, sa, JAVA_BYTE, 4, 4);
            return 16;
        }
        sa.set(JAVA_SHORT, 0, (short) AF_INET6);
        MemorySegment.copy(b, 0, sa, JAVA_BYTE, 8, 16);
        return SOCKADDR_MAX;
    }

    private static InetAddress address(MemorySegment sa) {
        int family = sa.get(JAVA_SHORT, 0);
        byte[] b = family == AF_INET6 ? new byte[16] : new byte[4];
        MemorySegment.copy(sa, JAVA_BYTE, family == AF_INET6 ? 8 : 4, b, 0, b.length);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static int errno(MemorySegment cs) {
        return (int) ERRNO.get(cs, 0L);
    }

    private static int socket(MemorySegment cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs, domain, type, protocol);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    private static int bindFd(MemorySegment cs, int fd, MemorySegment sa, int len) {
        try {
            return (int) BIND.invokeExact(cs, fd, sa, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    private static long sendto(MemorySegment cs, int fd, MemorySegment buf, long len, int flags, MemorySegment sa,
                               int saLen) {
        try {
            return (long) SENDTO.invokeExact(cs, fd, buf, len, flags, sa, saLen);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** A downcall fails this way only when the binding itself is wrong: a programming error. */
    private static IllegalStateException fatal(Throwable t) {
        return new IllegalStateException("native call failed: " + t, t);
    }
}
